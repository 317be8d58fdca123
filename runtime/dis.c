/* dis.c: print code objects like CPython 3.11's `python3 -m dis`.
 *
 * Layout per instruction (Lib/dis.py's Instruction._disassemble): line
 * number when it changes (a blank line before each new one), the `>>`
 * jump-target marker, the byte offset, the opcode name padded to 20, the
 * oparg right-aligned in 5 and the resolved argument in parentheses. Cache
 * units are hidden, EXTENDED_ARG prefixes shown. Everything is derived from
 * the opcode tables, so a new opcode prints without changes here. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "stitch.h"

#define OPNAME_WIDTH 20
#define OPARG_WIDTH 5

/* Units from the start of the instruction at unit i to its end: prefixes,
 * the instruction itself and its caches; op and arg get the real opcode and
 * the full oparg. */
static int decode(const Code *co, int i, int *op, int *arg) {
    int start = i, a = 0;
    while (i < co->ncode && (co->code[i] & 0xFF) == OP_EXTENDED_ARG) {
        a = (a << 8) | (co->code[i] >> 8);
        i++;
    }
    if (i >= co->ncode) {   /* a dangling prefix: show it alone */
        *op = OP_EXTENDED_ARG;
        *arg = a;
        return i - start;
    }
    *op = co->code[i] & 0xFF;
    *arg = (a << 8) | (co->code[i] >> 8);
    int caches = *op < OP_COUNT ? opcode_caches[*op] : 0;
    return i - start + 1 + caches;
}

/* Unit index a jump at [i, i + len) goes to. */
static int jump_target(int op, int arg, int end) {
    return op == OP_JUMP_BACKWARD ? end - arg : end + arg;
}

static void print_value(VM *vm, Value v, FILE *out) {
    if (val_is_kind(v, OBJ_CODE)) {
        Code *c = AS_CODE(v);
        fprintf(out, "<code object %s at %p, file \"%s\", line %d>", c->name->data, (void *)c,
                c->filename->data, c->firstline);
        return;
    }
    Value r = obj_repr(vm, v);
    if (r == VAL_ERROR) {
        vm_take_exc(vm);
        fputs("<repr failed>", out);
        return;
    }
    fwrite(AS_STR(r)->data, 1, (size_t)AS_STR(r)->len, out);
}

static const char *tuple_str(Tuple *t, int i) {
    return t && i >= 0 && i < t->len && IS_STR(t->items[i]) ? AS_STR(t->items[i])->data : "?";
}

/* The parenthesized part: what the oparg means. */
static void print_argrepr(VM *vm, const Code *co, int op, int arg, int end, FILE *out) {
    op = opcode_base[op];  /* a specialized form means what its base does */
    unsigned fl = opcode_flags[op];
    if (fl & OPF_CONST) {
        if (arg < co->consts->len) {
            fputs(" (", out);
            print_value(vm, co->consts->items[arg], out);
            fputc(')', out);
        }
    } else if (fl & OPF_NAME) {
        bool shifted = op == OP_LOAD_GLOBAL || op == OP_LOAD_ATTR || op == OP_LOAD_SUPER_ATTR;
        int i = shifted ? arg >> 1 : arg;
        const char *prefix = !shifted || !(arg & 1) ? "" : op == OP_LOAD_GLOBAL ? "NULL + " : "NULL|self + ";
        fprintf(out, " (%s%s)", prefix, tuple_str(co->names, i));
    } else if (fl & OPF_LOCAL) {
        fprintf(out, " (%s)", tuple_str(co->varnames, arg));
    } else if (fl & OPF_JUMP) {
        fprintf(out, " (to %d)", 2 * jump_target(op, arg, end));
    } else if (op == OP_BINARY_OP) {
        if (arg < BINOP_COUNT) fprintf(out, " (%s)", binop_symbols[arg]);
        else if (arg < 2 * BINOP_COUNT) fprintf(out, " (%s=)", binop_symbols[arg - BINOP_COUNT]);
    } else if (op == OP_COMPARE_OP) {
        if (arg < CMP_COUNT) fprintf(out, " (%s)", cmpop_symbols[arg]);
    } else if (op == OP_MAKE_FUNCTION) {
        if (arg & 1) fputs(" (defaults)", out);
    }
    else if (op == OP_FORMAT_VALUE) {
        static const char *const conv[] = {"", "str", "repr", "ascii"};
        const char *c = conv[arg & 3];
        if (arg & 4) fprintf(out, " (%s%swith format)", c, *c ? ", " : "");
        else if (*c) fprintf(out, " (%s)", c);
    }
}

static int digits(int n) {
    int d = 1;
    while (n >= 10) n /= 10, d++;
    return d;
}

/* "    uops: _A _B" under an instruction made of uops. */
static void print_uops(int op, FILE *out) {
    const short *u = opcode_uops(op);
    fputs("          uops:", out);
    if (!u) fputs(" (C handler)", out);
    for (; u && *u >= 0; u++) fprintf(out, " %s", uop_names[*u]);
    fputc('\n', out);
}

static void dis_one(VM *vm, const Code *co, FILE *out, int flags) {
    int n = co->ncode;
    bool *target = calloc((size_t)n + 1, sizeof(bool));
    if (!target) return;
    int maxline = 0;
    for (int i = 0; i < n;) {
        int op, arg;
        int len = decode(co, i, &op, &arg);
        if (op < OP_COUNT && (opcode_flags[op] & OPF_JUMP)) {
            int t = jump_target(op, arg, i + len);
            if (t >= 0 && t <= n) target[t] = true;
        }
        if (co->lines[i] > maxline) maxline = co->lines[i];
        i += len;
    }
    for (int k = 0; k < co->nexc; k++)
        if (co->exctable[k].handler >= 0 && co->exctable[k].handler <= n) target[co->exctable[k].handler] = true;
    int line_w = maxline >= 1000 ? digits(maxline) : 3;
    int off_w = 2 * n - 2 >= 10000 ? digits(2 * n - 2) : 4;

    int prev_line = -1, ext = 0;
    for (int i = 0; i < n;) {
        /* Each EXTENDED_ARG prints on its own, with the oparg accumulated
         * so far, as dis does. */
        int op = co->code[i] & 0xFF;
        int arg = (ext << 8) | (co->code[i] >> 8);
        int len = 1 + (op < OP_COUNT ? opcode_caches[op] : 0);
        ext = op == OP_EXTENDED_ARG ? arg : 0;
        int line = co->lines[i];
        bool starts = line != prev_line;
        if (starts && i > 0) fputc('\n', out);
        if (starts) fprintf(out, "%*d", line_w, line);
        else fprintf(out, "%*s", line_w, "");
        fprintf(out, "     %s %*d ", target[i] ? ">>" : "  ", off_w, 2 * i);
        int shown = op < OP_COUNT && !(flags & STITCH_DIS_SPECIALIZED) ? opcode_base[op] : op;
        const char *name = op < OP_COUNT ? opcode_names[shown] : "<unknown>";
        if (op < OP_COUNT && (opcode_flags[op] & OPF_ARG)) {
            fprintf(out, "%-*s %*d", OPNAME_WIDTH, name, OPARG_WIDTH, arg);
            print_argrepr(vm, co, op, arg, i + len, out);
        } else {
            fputs(name, out);
        }
        fputc('\n', out);
        if ((flags & STITCH_DIS_UOPS) && op < OP_COUNT) print_uops(shown, out);
        prev_line = line;
        i += len;
    }
    if (co->nexc > 0) {
        fputs("ExceptionTable:\n", out);
        for (int k = 0; k < co->nexc; k++) {
            ExcEntry *e = &co->exctable[k];
            fprintf(out, "  %d to %d -> %d [%d]%s\n", 2 * e->start, 2 * e->end - 2, 2 * e->handler, e->depth,
                    e->lasti ? " lasti" : "");
        }
    }
    free(target);
}

static void dis_rec(VM *vm, const Code *co, FILE *out, int flags) {
    dis_one(vm, co, out, flags);
    for (int64_t i = 0; i < co->consts->len; i++) {
        Value v = co->consts->items[i];
        if (!val_is_kind(v, OBJ_CODE)) continue;
        fputs("\nDisassembly of ", out);
        print_value(vm, v, out);
        fputs(":\n", out);
        dis_rec(vm, AS_CODE(v), out, flags);
    }
}

void dis_code_opts(VM *vm, Code *code, FILE *out, int flags) {
    gc_push_root(vm, val_obj(code));
    dis_rec(vm, code, out, flags);
    gc_pop_roots(vm, 1);
}

void dis_code(VM *vm, Code *code, FILE *out) { dis_code_opts(vm, code, out, 0); }
