/* stitch.c: copy stencils, patch holes (see stitch.h).
 *
 * Layout of one stitched sequence, in one piece of the code arena:
 *   [op 0 code][op 1 code]...[op n-1 code] [data of each op] [GOT slots] [trampolines]
 * Two passes: sizes and offsets first, then copy and patch. A rel32 to a
 * runtime function that is out of reach (the arena and the binary can be
 * far apart) goes through a trampoline, `jmp [rip+0]` and the address; a
 * GOT-relative hole reads an 8-byte slot. Both live in the same piece, so
 * they are always in reach, and are shared by every hole with the same
 * target. */
#include "stitch.h"

#include <stdlib.h>
#include <string.h>

#define TRAMPOLINE_SIZE 16

/* ---- the patch functions: each checks that the value fits ----------------- */

static bool patch_64(uint8_t *at, uint64_t v) {
    memcpy(at, &v, 8);
    return true;
}

static bool patch_32(uint8_t *at, uint64_t v) {
    if (v > UINT32_MAX) return false;
    uint32_t w = (uint32_t)v;
    memcpy(at, &w, 4);
    return true;
}

static bool patch_32s(uint8_t *at, int64_t v) {
    if (v < INT32_MIN || v > INT32_MAX) return false;
    int32_t w = (int32_t)v;
    memcpy(at, &w, 4);
    return true;
}

/* A rel32 at `at` meaning target + addend - at. */
static bool patch_rel32(uint8_t *at, uint64_t target, int64_t addend) {
    return patch_32s(at, (int64_t)(target - (uint64_t)(uintptr_t)at) + addend);
}

/* ---- layout ---------------------------------------------------------------------- */

typedef struct Layout {
    uint8_t *base;
    uint32_t *code_off, *data_off;
    size_t code_end, got_off, tramp_off, total;
    int ngot, ntramp;       /* used so far (pass 2) */
    uint64_t *got_vals, *tramp_vals;
} Layout;

static size_t align_up(size_t x, size_t a) { return (x + a - 1) & ~(a - 1); }

/* Offsets into l; the slot/trampoline counts are upper bounds (every hole
 * that might need one). 0 when an op has no stencil. */
static size_t plan(const StitchOp *ops, int n, Layout *l, int *max_got, int *max_tramp) {
    size_t off = 0;
    int got = 0, tramp = 0;
    for (int i = 0; i < n; i++) {
        if (ops[i].stencil >= STENCIL_COUNT || !stencils[ops[i].stencil].present) return 0;
        if (l) l->code_off[i] = (uint32_t)off;
        off += stencils[ops[i].stencil].code_size;
    }
    size_t code_end = off;
    for (int i = 0; i < n; i++) {
        const Stencil *s = &stencils[ops[i].stencil];
        if (s->data_size) off = align_up(off, s->data_align);
        if (l) l->data_off[i] = (uint32_t)off;
        off += s->data_size;
        for (int k = 0; k < s->nholes; k++) {
            got += s->holes[k].kind == HOLE_GOTREL32;
            tramp += s->holes[k].kind == HOLE_REL32 && s->holes[k].value == HV_SYMBOL;
        }
    }
    off = align_up(off, 8);
    size_t got_off = off;
    off = align_up(off + 8 * (size_t)got, TRAMPOLINE_SIZE);
    size_t tramp_off = off;
    off += TRAMPOLINE_SIZE * (size_t)tramp;
    if (l) {
        l->code_end = code_end;
        l->got_off = got_off;
        l->tramp_off = tramp_off;
        l->total = off;
    }
    if (max_got) *max_got = got;
    if (max_tramp) *max_tramp = tramp;
    return off;
}

size_t stitch_size(const StitchOp *ops, int n) { return plan(ops, n, NULL, NULL, NULL); }

/* The address of op `target`'s code, or 0 if there is no such op. */
static uint64_t op_addr(const Layout *l, int target, int n) {
    if (target < 0 || target >= n) return 0;
    return (uint64_t)(uintptr_t)(l->base + l->code_off[target]);
}

/* What fills hole h of op i (S, before the addend); *ok = false when the
 * hole has no target. */
static uint64_t hole_value(const Layout *l, const StitchOp *ops, int n, int i, const Hole *h, bool *ok) {
    const StitchOp *op = &ops[i];
    uint64_t v = 0;
    switch ((HoleValue)h->value) {
    case HV_CONTINUE: v = op_addr(l, i + 1, n); break;
    case HV_JUMP: v = op_addr(l, op->jump, n); break;
    case HV_DEOPT: v = op_addr(l, op->deopt, n); break;
    case HV_ERROR: v = op_addr(l, op->error, n); break;
    case HV_OPARG: return op->oparg;
    case HV_OPERAND: return op->operand;
    case HV_IP: return (uint64_t)(uintptr_t)op->ip;
    case HV_CODE: return (uint64_t)(uintptr_t)(l->base + l->code_off[i]);
    case HV_DATA: return (uint64_t)(uintptr_t)(l->base + l->data_off[i]);
    case HV_SYMBOL: return (uint64_t)(uintptr_t)stencil_symbol_addrs[h->symbol];
    case HV_COUNT: break;
    }
    if (!v) *ok = false;
    return v;
}

/* The slot (or trampoline) in `vals` holding v, added if new. */
static uint8_t *shared_entry(Layout *l, uint64_t v, bool tramp) {
    uint64_t *vals = tramp ? l->tramp_vals : l->got_vals;
    int *count = tramp ? &l->ntramp : &l->ngot;
    size_t size = tramp ? TRAMPOLINE_SIZE : 8;
    uint8_t *area = l->base + (tramp ? l->tramp_off : l->got_off);
    for (int k = 0; k < *count; k++)
        if (vals[k] == v) return area + (size_t)k * size;
    uint8_t *e = area + (size_t)*count * size;
    vals[(*count)++] = v;
    if (tramp) {
        static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0}; /* jmp [rip+0] */
        memcpy(e, jmp_rip, 6);
        memcpy(e + 6, &v, 8);
        memset(e + 14, 0xCC, 2);
    } else {
        memcpy(e, &v, 8);
    }
    return e;
}

/* Does the rel32 at `at` belong to a call or jump (so a trampoline can
 * stand in for a far target)? */
static bool is_branch_rel32(const uint8_t *at, const uint8_t *code_start) {
    if (at - code_start >= 1 && (at[-1] == 0xE8 || at[-1] == 0xE9)) return true;
    return at - code_start >= 2 && at[-2] == 0x0F && (at[-1] & 0xF0) == 0x80;
}

static StitchError patch_hole(Layout *l, const StitchOp *ops, int n, int i, const Hole *h) {
    uint8_t *code = l->base + l->code_off[i];
    uint8_t *at = (h->in_data ? l->base + l->data_off[i] : code) + h->offset;
    bool ok = true;
    uint64_t s = hole_value(l, ops, n, i, h, &ok);
    if (!ok) return STITCH_NO_TARGET;
    switch ((HoleKind)h->kind) {
    case HOLE_ABS64: ok = patch_64(at, s + (uint64_t)h->addend); break;
    case HOLE_ABS32: ok = patch_32(at, s + (uint64_t)h->addend); break;
    case HOLE_ABS32S: ok = patch_32s(at, (int64_t)(s + (uint64_t)h->addend)); break;
    case HOLE_REL32:
        ok = patch_rel32(at, s, h->addend);
        if (!ok && h->value == HV_SYMBOL && !h->in_data && is_branch_rel32(at, code))
            ok = patch_rel32(at, (uint64_t)(uintptr_t)shared_entry(l, s, true), h->addend);
        break;
    case HOLE_GOTREL32: ok = patch_rel32(at, (uint64_t)(uintptr_t)shared_entry(l, s, false), h->addend); break;
    case HOLE_KIND_COUNT: ok = false; break;
    }
    return ok ? STITCH_OK : STITCH_RANGE;
}

#define SMALL 256

void *stitch(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchError *err) {
    StitchError e = STITCH_OK;
    uint32_t offs_small[2 * SMALL];
    uint64_t vals_small[2 * SMALL];
    int max_got, max_tramp;
    Layout l = {0};
    if (n <= 0) {
        e = STITCH_NO_TARGET;
        goto done;
    }
    l.code_off = n <= SMALL ? offs_small : malloc(2 * sizeof(uint32_t) * (size_t)n);
    if (!l.code_off) {
        e = STITCH_NO_MEMORY;
        goto done;
    }
    l.data_off = l.code_off + n;
    if (!plan(ops, n, &l, &max_got, &max_tramp)) {
        e = STITCH_NO_STENCIL;
        goto done;
    }
    if (stencils[ops[n - 1].stencil].falls_through) {
        e = STITCH_NO_TARGET; /* the last op would run into the data */
        goto done;
    }
    l.got_vals = max_got + max_tramp <= 2 * SMALL ? vals_small : malloc(sizeof(uint64_t) * (size_t)(max_got + max_tramp + 1));
    l.tramp_vals = l.got_vals + max_got;
    if (!l.got_vals || !(l.base = codemem_alloc(cm, l.total))) {
        e = STITCH_NO_MEMORY;
        goto done;
    }
    for (int i = 0; i < n; i++) {
        const Stencil *s = &stencils[ops[i].stencil];
        memcpy(l.base + l.code_off[i], s->code, s->code_size);
        if (s->data_size) memcpy(l.base + l.data_off[i], s->data, s->data_size);
    }
    /* Padding between code and data: int3, never executed. */
    memset(l.base + l.code_end, 0xCC, l.got_off - l.code_end);
    for (int i = 0; i < n && e == STITCH_OK; i++) {
        const Stencil *s = &stencils[ops[i].stencil];
        for (int k = 0; k < s->nholes && e == STITCH_OK; k++) e = patch_hole(&l, ops, n, i, &s->holes[k]);
    }
    if (e == STITCH_OK && codemem_seal(cm, l.base, l.total) != 0) e = STITCH_NO_MEMORY;
done:
    if (l.code_off != offs_small) free(l.code_off);
    if (l.got_vals && l.got_vals != vals_small) free(l.got_vals);
    if (size) *size = e == STITCH_OK ? l.total : 0;
    if (err) *err = e;
    return e == STITCH_OK ? l.base : NULL;
}
