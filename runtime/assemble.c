/* assemble.c: symbolic instruction list -> Code object.
 *
 * The compiler emits instructions with label ids for jump targets and a
 * handler index on every instruction. Assembly is:
 *   1. a flow analysis from the entry (and from each covered instruction to
 *      its handler) giving every reachable instruction its stack depth, each
 *      handler the depth at its P_SETUP, and the code's stacksize;
 *   2. unreachable instructions are dropped;
 *   3. jump sizing: jump opargs depend on offsets, which depend on how many
 *      EXTENDED_ARG prefixes each jump needs; prefix counts only grow, so
 *      iterating until nothing changes terminates;
 *   4. emission of code units, lines, columns and the exception table. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "compiler.h"
#include "opcodes.h"

void code_register(VM *vm, Code *co) {
    if (vm->ncodes + 1 >= vm->codes_cap) {
        uint32_t cap = vm->codes_cap ? 2 * vm->codes_cap : 64;
        Code **p = realloc(vm->codes, cap * sizeof *p);
        if (!p) return; /* id 0: the code is never inlined */
        vm->codes = p;
        vm->codes_cap = cap;
    }
    if (vm->ncodes == 0) vm->codes[vm->ncodes++] = NULL;
    co->id = vm->ncodes;
    vm->codes[vm->ncodes++] = co;
}

void code_forget(VM *vm, Code *co) {
    if (co->id && co->id < vm->ncodes) vm->codes[co->id] = NULL;
}

static void *grow(void *p, int *cap, int need, size_t elem) {
    if (need <= *cap) return p;
    int n = *cap ? *cap : 16;
    while (n < need) n *= 2;
    p = realloc(p, (size_t)n * elem);
    if (!p) {
        fprintf(stderr, "stitch: out of memory in the compiler\n");
        abort();
    }
    *cap = n;
    return p;
}

void asm_init(Asm *a) {
    memset(a, 0, sizeof *a);
    a->cur_handler = -1;
}

void asm_free(Asm *a) {
    free(a->instrs);
    free(a->labels);
    free(a->handlers);
    free(a->consts);
    free(a->names);
    free(a->varnames);
    free(a->const_index);
    free(a->name_index);
    free(a->var_index);
    memset(a, 0, sizeof *a);
}

int asm_emit(Asm *a, int op, int arg) {
    a->instrs = grow(a->instrs, &a->instrcap, a->ninstrs + 1, sizeof(Instr));
    Instr *in = &a->instrs[a->ninstrs];
    in->op = op;
    in->arg = arg;
    in->handler = a->cur_handler;
    in->line = a->line;
    in->col = a->col;
    return a->ninstrs++;
}

int asm_new_label(Asm *a) {
    a->labels = grow(a->labels, &a->labelcap, a->nlabels + 1, sizeof(int));
    a->labels[a->nlabels] = -1;
    return a->nlabels++;
}

void asm_bind(Asm *a, int label) {
    assert(a->labels[label] < 0);
    a->labels[label] = a->ninstrs;
}

int asm_new_handler(Asm *a, int label, bool lasti) {
    a->handlers = grow(a->handlers, &a->handlercap, a->nhandlers + 1, sizeof(AsmHandler));
    a->handlers[a->nhandlers] = (AsmHandler){.label = label, .depth = -1, .lasti = lasti};
    return a->nhandlers++;
}

/* Same value and same type, recursively for tuples. */
bool asm_const_same(Value x, Value y) {
    if (x == y) return true;
    if (!val_is_obj(x) || !val_is_obj(y)) return false;
    Obj *ox = val_as_obj(x), *oy = val_as_obj(y);
    if (ox->kind != oy->kind) return false;
    switch (ox->kind) {
    case OBJ_STR: return str_eq((Str *)ox, (Str *)oy);
    case OBJ_BIGINT: return mpz_cmp(((BigInt *)ox)->z, ((BigInt *)oy)->z) == 0;
    case OBJ_TUPLE: {
        Tuple *tx = (Tuple *)ox, *ty = (Tuple *)oy;
        if (tx->len != ty->len) return false;
        for (int64_t i = 0; i < tx->len; i++)
            if (!asm_const_same(tx->items[i], ty->items[i])) return false;
        return true;
    }
    case OBJ_SET: { /* frozensets: the same items, in any order */
        Set *sx = (Set *)ox, *sy = (Set *)oy;
        if (sx->used != sy->used) return false;
        int64_t i = 0;
        Value k;
        while (set_next(sx, &i, &k)) {
            int64_t j = 0;
            Value m;
            bool found = false;
            while (!found && set_next(sy, &j, &m)) found = asm_const_same(k, m);
            if (!found) return false;
        }
        return true;
    }
    default: return false;
    }
}

static uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

/* Consistent with asm_const_same: equal constants hash alike. */
static uint64_t const_hash(Value v) {
    if (!val_is_obj(v)) return mix(v);
    Obj *o = val_as_obj(v);
    switch (o->kind) {
    case OBJ_STR: return str_hash((Str *)o);
    case OBJ_BIGINT: return mix(mpz_get_ui(((BigInt *)o)->z) ^ (uint64_t)mpz_size(((BigInt *)o)->z));
    case OBJ_TUPLE: {
        Tuple *t = (Tuple *)o;
        uint64_t h = mix((uint64_t)t->len + 0x9e37);
        for (int64_t i = 0; i < t->len; i++) h = mix(h ^ const_hash(t->items[i]));
        return h;
    }
    case OBJ_SET: {
        uint64_t h = 0x5e7;
        int64_t pos = 0;
        Value k;
        while (set_next((Set *)o, &pos, &k)) h += const_hash(k); /* order-free */
        return mix(h);
    }
    default: return mix(v);
    }
}

/* An index over n items; `same(k)` says whether item k is the one sought.
 * Returns the slot holding it or the empty slot where it would go. */
#define INDEX_PROBE(index, cap, hash, same)                                    \
    ({                                                                         \
        int mask_ = (cap) - 1, i_ = (int)((hash) & (uint64_t)mask_);           \
        while ((index)[i_] >= 0 && !(same((index)[i_]))) i_ = (i_ + 1) & mask_; \
        i_;                                                                    \
    })

/* Make room for one more of the n items indexed, keeping the index at most
 * half full. */
static int *index_grow(int *index, int *cap, int n, uint64_t (*hash)(Asm *, int), Asm *a) {
    if ((n + 1) * 2 <= *cap) return index;
    free(index);
    *cap = *cap ? *cap * 2 : 64;
    index = malloc(sizeof(int) * (size_t)*cap);
    if (!index) abort();
    for (int i = 0; i < *cap; i++) index[i] = -1;
    int mask = *cap - 1;
    for (int k = 0; k < n; k++) {
        int i = (int)(hash(a, k) & (uint64_t)mask);
        while (index[i] >= 0) i = (i + 1) & mask;
        index[i] = k;
    }
    return index;
}

static uint64_t const_hash_at(Asm *a, int k) { return const_hash(a->consts[k]); }
static uint64_t name_hash_at(Asm *a, int k) { return mix((uint64_t)(uintptr_t)a->names[k]); }
static uint64_t var_hash_at(Asm *a, int k) { return mix((uint64_t)(uintptr_t)a->varnames[k]); }

int asm_add_const(Asm *a, Value v) {
    a->const_index = index_grow(a->const_index, &a->const_index_cap, a->nconsts, const_hash_at, a);
#define SAME_CONST(k) asm_const_same(a->consts[k], v)
    int slot = INDEX_PROBE(a->const_index, a->const_index_cap, const_hash(v), SAME_CONST);
#undef SAME_CONST
    if (a->const_index[slot] >= 0) return a->const_index[slot];
    a->consts = grow(a->consts, &a->constcap, a->nconsts + 1, sizeof(Value));
    a->consts[a->nconsts] = v;
    a->const_index[slot] = a->nconsts;
    return a->nconsts++;
}

int asm_add_name(Asm *a, Str *s) {
    a->name_index = index_grow(a->name_index, &a->name_index_cap, a->nnames, name_hash_at, a);
#define SAME_NAME(k) (a->names[k] == s)
    int slot = INDEX_PROBE(a->name_index, a->name_index_cap, mix((uint64_t)(uintptr_t)s), SAME_NAME);
#undef SAME_NAME
    if (a->name_index[slot] >= 0) return a->name_index[slot];
    a->names = grow(a->names, &a->namecap, a->nnames + 1, sizeof(Str *));
    a->names[a->nnames] = s;
    a->name_index[slot] = a->nnames;
    return a->nnames++;
}

int asm_find_varname(Asm *a, Str *s) {
    if (a->var_index_cap == 0) return -1;
#define SAME_VAR(k) (a->varnames[k] == s)
    int slot = INDEX_PROBE(a->var_index, a->var_index_cap, mix((uint64_t)(uintptr_t)s), SAME_VAR);
#undef SAME_VAR
    return a->var_index[slot];
}

int asm_new_varname(Asm *a, Str *s) {
    a->var_index = index_grow(a->var_index, &a->var_index_cap, a->nvarnames, var_hash_at, a);
    /* A repeated name keeps pointing at its first slot. */
#define SAME_VAR(k) (a->varnames[k] == s)
    int slot = INDEX_PROBE(a->var_index, a->var_index_cap, mix((uint64_t)(uintptr_t)s), SAME_VAR);
#undef SAME_VAR
    a->varnames = grow(a->varnames, &a->varnamecap, a->nvarnames + 1, sizeof(Str *));
    a->varnames[a->nvarnames] = s;
    if (a->var_index[slot] < 0) a->var_index[slot] = a->nvarnames;
    return a->nvarnames++;
}

/* ---- flow analysis ------------------------------------------------------- */

static bool is_jump(int op) {
    return op == P_JUMP || (op < OP_COUNT && (opcode_flags[op] & OPF_JUMP));
}

/* Control never falls through to the next instruction. */
static bool is_terminator(int op) {
    return op == P_JUMP || op == OP_JUMP_FORWARD || op == OP_JUMP_BACKWARD ||
           op == OP_RETURN_VALUE || op == OP_RAISE_VARARGS || op == OP_RERAISE;
}

/* Stack effect when the jump is taken. */
static int jump_effect(int op) {
    switch (op) {
    case OP_FOR_ITER: return -1;          /* the exhausted iterator is popped */
    case OP_SEND: return -1;              /* [recv v] -> [result] */
    case OP_POP_JUMP_IF_FALSE:
    case OP_POP_JUMP_IF_TRUE:
    case OP_POP_JUMP_IF_NONE:
    case OP_POP_JUMP_IF_NOT_NONE: return -1;
    default: return 0;
    }
}

typedef struct Flow {
    Asm *a;
    int *depth;      /* per instruction, -1 unreached */
    int *work;
    int nwork;
    int maxdepth;
} Flow;

static void flow_reach(Flow *f, int i, int d) {
    assert(d >= 0);
    if (d > f->maxdepth) f->maxdepth = d;
    if (i >= f->a->ninstrs) return;   /* a label at the very end: nothing there */
    if (f->depth[i] >= 0) {
        assert(f->depth[i] == d && "inconsistent stack depth");
        return;
    }
    f->depth[i] = d;
    f->work[f->nwork++] = i;
}

/* Walk straight-line code from each work item. */
static void flow_run(Flow *f) {
    Asm *a = f->a;
    while (f->nwork > 0) {
        int i = f->work[--f->nwork];
        int d = f->depth[i];
        for (;;) {
            Instr *in = &a->instrs[i];
            if (in->handler >= 0) {
                AsmHandler *h = &a->handlers[in->handler];
                assert(h->depth >= 0 && "handler used before its setup");
                flow_reach(f, a->labels[h->label], h->depth + 1 + h->lasti);
            }
            if (in->op == P_SETUP) {
                AsmHandler *h = &a->handlers[in->arg];
                assert(h->depth < 0 || h->depth == d);
                h->depth = d;
            } else if (in->op != P_JUMP) {
                int after = d + opcode_stack_effect(in->op, in->arg);
                assert(after >= 0);
                if (after > f->maxdepth) f->maxdepth = after;
                if (is_jump(in->op)) flow_reach(f, a->labels[in->arg], d + jump_effect(in->op));
                d = after;
            } else {
                flow_reach(f, a->labels[in->arg], d);
            }
            if (is_terminator(in->op) || ++i >= a->ninstrs) break;
            if (f->depth[i] >= 0) {
                assert(f->depth[i] == d && "inconsistent stack depth");
                break;
            }
            f->depth[i] = d;
        }
    }
}

/* ---- sizing and emission --------------------------------------------------- */

static int ext_count(unsigned arg) {
    return arg > 0xFFFFFF ? 3 : arg > 0xFFFF ? 2 : arg > 0xFF ? 1 : 0;
}

static Tuple *tuple_of(VM *vm, Value *items, int n) {
    return n == 0 ? vm->empty_tuple : tuple_from(vm, items, n);
}

static Tuple *tuple_of_strs(VM *vm, Str **items, int n) {
    if (n == 0) return vm->empty_tuple;
    Tuple *t = tuple_new(vm, n);
    if (!t) return NULL;
    for (int i = 0; i < n; i++) t->items[i] = val_obj(items[i]);
    return t;
}

Code *asm_assemble(VM *vm, Asm *a, const AsmInfo *info) {
    int n = a->ninstrs;
    int *depth = malloc(sizeof(int) * (size_t)(n + 1));
    int *work = malloc(sizeof(int) * (size_t)(n + 1));
    int *size = calloc((size_t)n + 1, sizeof(int));
    int *ext = calloc((size_t)n + 1, sizeof(int));
    int *off = calloc((size_t)n + 1, sizeof(int));
    int *arg = calloc((size_t)n + 1, sizeof(int));   /* final opargs */
    if (!depth || !work || !size || !ext || !off || !arg) abort();
    for (int i = 0; i < n; i++) depth[i] = -1;

    Flow f = {.a = a, .depth = depth, .work = work};
    for (int h = 0; h < a->nhandlers; h++) a->handlers[h].depth = -1;
    if (n > 0) flow_reach(&f, 0, 0);
    flow_run(&f);

    /* Resolve each jump's direction once; label positions never move. */
    for (int i = 0; i < n; i++) {
        Instr *in = &a->instrs[i];
        if (depth[i] < 0 || !is_jump(in->op)) continue;
        int t = a->labels[in->arg];
        assert(t >= 0 && "unbound label");
        if (in->op == P_JUMP) in->op = t <= i ? OP_JUMP_BACKWARD : OP_JUMP_FORWARD;
        assert((in->op == OP_JUMP_BACKWARD) == (t <= i) && "conditional jump backwards");
    }
    for (int i = 0; i < n; i++) {
        Instr *in = &a->instrs[i];
        arg[i] = in->arg;
        if (depth[i] >= 0 && in->op != P_SETUP && !is_jump(in->op)) ext[i] = ext_count((unsigned)in->arg);
    }

    /* Size jumps until their prefix counts settle. */
    for (bool changed = true; changed;) {
        changed = false;
        int o = 0;
        for (int i = 0; i < n; i++) {
            Instr *in = &a->instrs[i];
            off[i] = o;
            size[i] = (depth[i] < 0 || in->op == P_SETUP) ? 0 : ext[i] + 1 + opcode_caches[in->op];
            o += size[i];
        }
        off[n] = o;
        for (int i = 0; i < n; i++) {
            Instr *in = &a->instrs[i];
            if (size[i] == 0 || !is_jump(in->op)) continue;
            int end = off[i] + size[i];
            int target = off[a->labels[in->arg]];
            int rel = in->op == OP_JUMP_BACKWARD ? end - target : target - end;
            assert(rel >= 0);
            arg[i] = rel;
            if (ext_count((unsigned)rel) > ext[i]) {
                ext[i] = ext_count((unsigned)rel);
                changed = true;
            }
        }
    }
    int ncode = off[n];

    /* Exception table: maximal runs of units covered by the same handler. */
    ExcEntry *exc = NULL;
    int nexc = 0, exccap = 0;
    int run_h = -1, run_start = 0;
    for (int i = 0; i <= n; i++) {
        int h = i < n ? a->instrs[i].handler : -1;
        if (i < n && size[i] == 0) continue;
        if (h == run_h) continue;
        if (run_h >= 0 && off[i] > run_start) {
            AsmHandler *ah = &a->handlers[run_h];
            exc = grow(exc, &exccap, nexc + 1, sizeof(ExcEntry));
            exc[nexc++] = (ExcEntry){.start = run_start, .end = off[i],
                                     .handler = off[a->labels[ah->label]],
                                     .depth = ah->depth, .lasti = ah->lasti};
        }
        run_h = h;
        run_start = i < n ? off[i] : 0;
    }

    Code *co = NULL;
    vm->gc_pause++;
    co = gc_alloc(vm, sizeof(Code), OBJ_CODE, vm->types[T_CODE]);
    if (!co) goto done;
    co->code = gc_buf_alloc(vm, (size_t)ncode * sizeof(uint16_t));
    co->lines = co->code ? gc_buf_alloc(vm, (size_t)ncode * sizeof(int32_t)) : NULL;
    co->cols = co->lines ? gc_buf_alloc(vm, (size_t)ncode * sizeof(int32_t)) : NULL;
    if (!co->cols) {
        /* Keep the sweep's size accounting exact: ncode only once all exist. */
        if (co->lines) gc_buf_free(vm, co->lines, (size_t)ncode * sizeof(int32_t));
        if (co->code) gc_buf_free(vm, co->code, (size_t)ncode * sizeof(uint16_t));
        co->code = NULL, co->lines = NULL, co->cols = NULL;
        co = NULL;
        goto done;
    }
    co->ncode = ncode;
    code_register(vm, co);
    if (nexc > 0) {
        co->exctable = gc_buf_alloc(vm, (size_t)nexc * sizeof(ExcEntry));
        if (!co->exctable) { co = NULL; goto done; }
        memcpy(co->exctable, exc, (size_t)nexc * sizeof(ExcEntry));
        co->nexc = nexc;
    }
    for (int i = 0; i < n; i++) {
        if (size[i] == 0) continue;
        Instr *in = &a->instrs[i];
        int u = off[i];
        for (int k = ext[i]; k > 0; k--) {
            co->code[u] = (uint16_t)(OP_EXTENDED_ARG | (((unsigned)arg[i] >> (8 * k)) & 0xFF) << 8);
            co->lines[u] = in->line, co->cols[u] = in->col;
            u++;
        }
        co->code[u] = (uint16_t)(in->op | ((unsigned)arg[i] & 0xFF) << 8);
        co->lines[u] = in->line, co->cols[u] = in->col;
        u++;
        for (int k = 0; k < opcode_caches[in->op]; k++) {
            co->code[u] = OP_CACHE;
            co->lines[u] = in->line, co->cols[u] = in->col;
            u++;
        }
    }
    co->consts = tuple_of(vm, a->consts, a->nconsts);
    co->names = tuple_of_strs(vm, a->names, a->nnames);
    co->varnames = tuple_of_strs(vm, a->varnames, a->nvarnames);
    co->cellnames = vm->empty_tuple;
    if (!co->consts || !co->names || !co->varnames) { co = NULL; goto done; }
    co->nargs = info->nargs;
    co->nlocals = a->nvarnames;
    co->stacksize = f.maxdepth;
    co->flags = info->flags;
    co->firstline = info->firstline;
    co->kwonlyargcount = info->kwonlyargcount;
    co->nfree = info->nfree;
    co->name = info->name;
    co->qualname = info->qualname;
    co->filename = info->filename;
done:
    vm->gc_pause--;
    free(depth), free(work), free(size), free(ext), free(off), free(arg), free(exc);
    return co;
}
