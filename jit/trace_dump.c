/* trace_dump.c: STITCH_JIT_DUMP, one block per compiled trace: the source
 * lines it covers, the bytecode it was projected from, its uops after
 * optimization with their exits, and (machine-code mode) the stitched code
 * disassembled with every hole named (dump.c).
 */
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "interp.h"
#include "jit.h"
#include "opcodes.h"

int jit_line_of(Code *co, const uint16_t *ip) {
    ptrdiff_t off = ip - co->code;
    return off >= 0 && off < co->ncode ? co->lines[off] : co->firstline;
}

static const char *file_of(Code *co) { return co->filename ? co->filename->data : "?"; }

static const char *const exit_kinds[] = {"deopt", "branch", "end", "error"};

/* "exit 3 (branch -> line 12)" */
static void describe_exit(char *buf, size_t n, const Executor *ex, int j) {
    const Exit *e = &ex->exits[j];
    snprintf(buf, n, "exit %d (%s -> %s:%d)", j, exit_kinds[e->kind], file_of(e->code),
             jit_line_of(e->code, e->resume));
}

static void dump_source(VM *vm, FILE *out, const Executor *ex) {
    fprintf(out, "-- source\n");
    const Code *last_code = NULL;
    int seen[64], nseen = 0;
    for (int i = 0; i < ex->nops; i++) {
        Code *co = ex->ops[i].code;
        int line = jit_line_of(co, ex->ops[i].instr);
        bool dup = false;
        for (int k = 0; k < nseen && !dup; k++) dup = seen[k] == line && co == last_code;
        if (dup) continue;
        if (co != last_code) nseen = 0;
        if (nseen < 64) seen[nseen++] = line;
        last_code = co;
        size_t len = 0;
        const char *text = api_source_line(vm, file_of(co), line, &len);
        fprintf(out, "  %s:%d%s %.*s\n", file_of(co), line, ex->ops[i].depth ? " (inlined)" : "",
                (int)len, text ? text : "");
    }
}

static void dump_bytecode(FILE *out, const Executor *ex) {
    fprintf(out, "-- bytecode\n");
    const uint16_t *last = NULL;
    for (int i = 0; i < ex->nops; i++) {
        const TraceOp *op = &ex->ops[i];
        if (op->instr == last) continue;
        last = op->instr;
        int opc = trace_opcode_at(op->instr);
        fprintf(out, "  %*s%s+%-4d %-28s %u\n", 2 * op->depth, "", op->code->name->data,
                (int)(op->instr - op->code->code), opcode_names[opc], op->oparg);
    }
}

/* Each op's label: the uop, its oparg/operand, and where it exits. */
static char **op_labels(const Executor *ex, int nstitched) {
    char **labels = calloc((size_t)nstitched, sizeof *labels);
    if (!labels) return NULL;
    char buf[256], ex1[96], ex2[96];
    for (int i = 0; i < ex->nops; i++) {
        const TraceOp *op = &ex->ops[i];
        ex1[0] = ex2[0] = '\0';
        if (op->deopt >= 0) describe_exit(ex1, sizeof ex1, ex, op->deopt);
        if (op->jump >= 0) describe_exit(ex2, sizeof ex2, ex, op->jump);
        snprintf(buf, sizeof buf, "%s %u%s%s%s%s", uop_names[op->uop], op->oparg,
                 ex1[0] ? "  guard: " : "", ex1, ex2[0] ? "  leaves: " : "", ex2);
        labels[i] = strdup(buf);
    }
    for (int j = 0, k = ex->nops; j < ex->nexits && k < nstitched; j++, k++) {
        /* stitch_ops lays the end exit first. */
        int e = ex->end_exit >= 0 ? (j == 0 ? ex->end_exit : (j <= ex->end_exit ? j - 1 : j)) : j;
        describe_exit(ex1, sizeof ex1, ex, e);
        snprintf(buf, sizeof buf, "%s", ex1);
        labels[k] = strdup(buf);
    }
    return labels;
}

static void dump_uops(FILE *out, char **labels, const Executor *ex) {
    fprintf(out, "-- uops (after optimization)\n");
    for (int i = 0; i < ex->nops; i++)
        fprintf(out, "  %*s%s\n", 2 * ex->ops[i].depth, "", labels ? labels[i] : uop_names[ex->ops[i].uop]);
}

void trace_dump(VM *vm, FILE *out, Executor *ex, const Trace *t, const StitchListing *listing) {
    Code *co = ex->code;
    fprintf(out, "== trace %d (%s) %s:%d, %s: %d uops (%d before optimization), guards %d -> %d, "
                 "%d exits, %zu bytes of code; projection stopped: %s\n",
            ex->id, ex->is_side ? "side exit" : "loop", file_of(co), jit_line_of(co, ex->start),
            co->name->data, ex->nops, t->uops_before, t->guards_before, t->guards_after, ex->nexits,
            ex->code_size, t->stop ? t->stop : "?");
    dump_source(vm, out, ex);
    dump_bytecode(out, ex);
    int nstitched = ex->nops + ex->nexits;
    char **labels = op_labels(ex, nstitched);
    dump_uops(out, labels, ex);
    if (listing && labels && ex->entry) {
        fprintf(out, "-- machine code at %p\n", ex->entry);
        jit_dump_code(out, ex->entry, ex->code_size, nstitched, (const char *const *)labels, listing);
    }
    fprintf(out, "\n");
    fflush(out);
    for (int i = 0; labels && i < nstitched; i++) free(labels[i]);
    free(labels);
}
