/* dump.c: a stitched trace's machine code, disassembled (see dump.h).
 *
 * Capstone decodes the code op by op; after each instruction come the
 * holes that lie in it, from the listing stitch recorded. A hole shows the
 * value the op gave it (S), not the raw bytes: a rel32's bytes hold S + A
 * - P, and a call to a runtime function out of rel32 reach aims at a
 * trampoline instead (a GOT-relative load at a slot). Reading the bytes
 * back tells which, so the hole says "via trampoline" and the far entries
 * the trace uses are listed at the end. */
#include "dump.h"

#include <capstone/capstone.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* Where the `; hole` notes start, after the instruction's text. */
#define NOTE_COLUMN 40

static const char *const value_names[] = {
#define X(name, sym) #name,
    HOLE_VALUE_LIST(X)
#undef X
};

typedef struct Dump {
    FILE *out;
    const uint8_t *entry;
    int n;
    const char *const *labels;
    csh cs;
    cs_insn *insn;
    const StitchListing *l; /* NULL: no listing */
} Dump;

static const char *label(const Dump *d, int64_t i) {
    return d->labels && i >= 0 && i < d->n && d->labels[i] ? d->labels[i] : "?";
}

static const char *symbol_name(unsigned i) {
    return i < (unsigned)stencil_symbol_count ? stencil_symbol_names[i] : "?";
}

static uint64_t offset_of(const Dump *d, uint64_t addr) { return addr - (uintptr_t)d->entry; }

static bool is_relative(const StitchHoleRecord *h) {
    return !h->in_data && (h->kind == HOLE_REL32 || h->kind == HOLE_GOTREL32);
}

/* The trampoline or GOT slot hole h goes through, or 0 (it aims at S). */
static uint64_t far_entry(const Dump *d, const StitchHoleRecord *h) {
    if (!is_relative(h)) return 0;
    int32_t rel;
    memcpy(&rel, d->entry + h->at, 4);
    uint64_t aimed = (uintptr_t)(d->entry + h->at) + (uint64_t)(int64_t)rel - (uint64_t)h->addend;
    return h->kind == HOLE_GOTREL32 || aimed != h->target ? aimed : 0;
}

static void print_off(FILE *out, int64_t off) {
    if (off) fprintf(out, "%s0x%" PRIx64, off < 0 ? "-" : "+", off < 0 ? -(uint64_t)off : (uint64_t)off);
}

/* `; NAME = value` for hole h. off is what the instruction adds to S: the
 * addend, plus, for a rel32, the distance from the hole to the end of the
 * instruction (which the CPU adds back), so a plain call shows no offset. */
static void print_hole(const Dump *d, const StitchHoleRecord *h, int64_t off) {
    FILE *out = d->out;
    fprintf(out, " ; %s", value_names[h->value]);
    switch (h->value) {
    case HV_CONTINUE:
    case HV_JUMP:
    case HV_DEOPT:
    case HV_ERROR:
        fprintf(out, " -> [%" PRId32 "]", h->target_op);
        print_off(out, off);
        fprintf(out, " %s", label(d, h->target_op));
        break;
    case HV_CODE:
    case HV_DATA: fprintf(out, " -> +%04" PRIx64, offset_of(d, h->target + (uint64_t)off)); break;
    case HV_OPARG:
        fprintf(out, " = %" PRIu64, h->target);
        print_off(out, off);
        break;
    case HV_SYMBOL:
        fprintf(out, " = %s", symbol_name(h->symbol));
        print_off(out, off);
        break;
    default:
        fprintf(out, " = 0x%" PRIx64, h->target);
        print_off(out, off);
        break;
    }
    uint64_t far = far_entry(d, h);
    const char *via = h->kind == HOLE_GOTREL32 ? "GOT slot" : "trampoline";
    if (far) fprintf(out, " (via %s +%04" PRIx64 ")", via, offset_of(d, far));
}

static void print_addr(const Dump *d, uint64_t addr) {
    fprintf(d->out, "  %012" PRIx64 " +%04" PRIx64 "  ", addr, offset_of(d, addr));
}

static void print_bytes(FILE *out, const uint8_t *b, size_t n) {
    char hex[3 * 16 + 1] = "";
    for (size_t i = 0; i < n && i < 16; i++) snprintf(hex + 3 * i, 4, "%02x ", b[i]);
    fprintf(out, "%-30s ", hex);
}

/* The op a write-back stub's jmp (no hole: the stitcher writes it) goes
 * to, or -1. */
static int stub_target(const Dump *d, const cs_insn *in) {
    if (!d->l || in->size != 5 || in->bytes[0] != 0xE9) return -1; /* jmp rel32 */
    int32_t rel;
    memcpy(&rel, in->bytes + 1, 4);
    uint64_t at = offset_of(d, in->address + 5 + (uint64_t)(int64_t)rel);
    for (int i = 0; i < d->n; i++)
        if (d->l->op_start[i] == at) return i;
    return -1;
}

/* Disassemble [from, to) (offsets from the entry), naming after each
 * instruction the code holes of hs[0..nh) that lie in it, and where a
 * write-back stub's jmp goes. */
static void disasm(Dump *d, uint32_t from, uint32_t to, const StitchHoleRecord *hs, int nh) {
    const uint8_t *code = d->entry + from;
    size_t left = to > from ? to - from : 0;
    uint64_t addr = (uintptr_t)code;
    while (left) {
        if (!cs_disasm_iter(d->cs, &code, &left, &addr, d->insn)) {
            /* Not an instruction (never in a stencil): show the byte. */
            print_addr(d, addr);
            print_bytes(d->out, code, 1);
            fprintf(d->out, "(bad)\n");
            code++, left--, addr++;
            continue;
        }
        const cs_insn *in = d->insn;
        uint64_t start = offset_of(d, in->address), end = start + in->size;
        print_addr(d, in->address);
        print_bytes(d->out, in->bytes, in->size);
        int col = fprintf(d->out, "%s%s%s", in->mnemonic, in->op_str[0] ? " " : "", in->op_str);
        for (int k = 0; k < nh; k++) {
            const StitchHoleRecord *h = &hs[k];
            if (h->in_data || h->at < start || h->at >= end) continue;
            /* Notes line up in a column (no trailing blanks without one). */
            fprintf(d->out, "%*s", col < NOTE_COLUMN ? NOTE_COLUMN - col : 0, "");
            col = NOTE_COLUMN;
            print_hole(d, h, h->addend + (is_relative(h) ? (int64_t)(end - h->at) : 0));
        }
        int t = nh ? -1 : stub_target(d, in);
        if (t >= 0) fprintf(d->out, "%*s; -> [%d] %s", col < NOTE_COLUMN ? NOTE_COLUMN - col : 0, "", t, label(d, t));
        fputc('\n', d->out);
    }
}

/* The data after the code, 16 bytes a line, then the holes in it. */
static void dump_data(Dump *d, const StitchListing *l) {
    uint32_t from = l->code_end > l->op_start[d->n] ? l->code_end : l->op_start[d->n], to = l->data_end;
    if (to <= from) return;
    fprintf(d->out, "data\n");
    for (uint32_t at = from; at < to; at += 16) {
        print_addr(d, (uintptr_t)(d->entry + at));
        for (uint32_t i = at; i < to && i < at + 16; i++) fprintf(d->out, "%s%02x", i > at ? " " : "", d->entry[i]);
        fputc('\n', d->out);
    }
    for (int k = 0; k < l->nholes; k++) {
        if (!l->holes[k].in_data) continue;
        print_addr(d, (uintptr_t)(d->entry + l->holes[k].at));
        print_hole(d, &l->holes[k], l->holes[k].addend);
        fputc('\n', d->out);
    }
}

typedef struct FarEntry {
    uint64_t addr;
    const StitchHoleRecord *hole; /* one hole that goes through it */
} FarEntry;

static int cmp_far(const void *a, const void *b) {
    const FarEntry *x = a, *y = b;
    return (x->addr > y->addr) - (x->addr < y->addr);
}

static void print_quad(Dump *d, uint64_t addr, const char *what, const StitchHoleRecord *h) {
    uint64_t v;
    char text[40];
    memcpy(&v, (const void *)(uintptr_t)addr, 8);
    snprintf(text, sizeof text, ".quad 0x%" PRIx64, v);
    print_addr(d, addr);
    print_bytes(d->out, (const uint8_t *)(uintptr_t)addr, 8);
    const char *name = h->value == HV_SYMBOL ? symbol_name(h->symbol) : value_names[h->value];
    fprintf(d->out, "%-*s ; %s: %s\n", NOTE_COLUMN, text, what, name);
}

/* The piece's trampolines and GOT slots this trace's holes go through
 * (shared by the piece, so possibly past the trace's own bytes). */
static void dump_far(Dump *d, const StitchListing *l) {
    FarEntry *fe = malloc(((size_t)l->nholes + 1) * sizeof *fe);
    if (!fe) return;
    int nfe = 0;
    for (int k = 0; k < l->nholes; k++) {
        uint64_t a = far_entry(d, &l->holes[k]);
        if (a) fe[nfe++] = (FarEntry){a, &l->holes[k]};
    }
    qsort(fe, (size_t)nfe, sizeof *fe, cmp_far);
    if (nfe) fprintf(d->out, "far area\n");
    for (int k = 0; k < nfe; k++) {
        if (k && fe[k].addr == fe[k - 1].addr) continue;
        if (fe[k].hole->kind == HOLE_GOTREL32) {
            print_quad(d, fe[k].addr, "GOT slot", fe[k].hole);
            continue;
        }
        /* A trampoline: `jmp [rip+0]`, then the address it jumps to. */
        uint32_t at = (uint32_t)offset_of(d, fe[k].addr);
        disasm(d, at, at + 6, NULL, 0);
        print_quad(d, fe[k].addr + 6, "trampoline", fe[k].hole);
    }
    free(fe);
}

void jit_dump_code(FILE *out, const void *entry, size_t size, int n, const char *const *labels,
                   const StitchListing *listing) {
    Dump d = {out, entry, n, labels, 0, NULL, listing};
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &d.cs) != CS_ERR_OK) {
        fprintf(out, "(capstone: cannot open the x86-64 disassembler)\n");
        return;
    }
    d.insn = cs_malloc(d.cs);
    if (!d.insn) {
        fprintf(out, "(capstone: out of memory)\n");
        cs_close(&d.cs);
        return;
    }
    const StitchListing *l = listing;
    if (!l || !l->op_start || n <= 0) {
        fprintf(out, "(no listing)\n");
        disasm(&d, 0, (uint32_t)size, NULL, 0);
    } else {
        /* Records come in op order: each op's are a run. */
        int k = 0;
        for (int i = 0; i < n; i++) {
            int first = k;
            while (k < l->nholes && l->holes[k].op == (uint32_t)i) k++;
            /* The stack-cache depth the op's stencil variant starts at. */
            if (l->cache)
                fprintf(out, "[%d] %s  (cache %u)\n", i, label(&d, i), l->cache[i]);
            else
                fprintf(out, "[%d] %s\n", i, label(&d, i));
            disasm(&d, l->op_start[i], l->op_start[i + 1], l->holes + first, k - first);
        }
        if (l->code_end > l->op_start[n]) {
            fprintf(out, "write-backs (the stack cache, on the way to a jump's target)\n");
            disasm(&d, l->op_start[n], l->code_end, NULL, 0);
        }
        dump_data(&d, l);
        dump_far(&d, l);
    }
    cs_free(d.insn, 1);
    cs_close(&d.cs);
}
