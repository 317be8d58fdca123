/* stitch.c: copy stencils, patch holes (see stitch.h).
 *
 * Layout of one piece of the code arena (one trace, or a batch):
 *   trace 0: [op 0 code]...[op n-1 code][data of each op]
 *   trace 1: ...
 *   [GOT slots][trampolines]            shared by the whole piece
 * Two passes: plan (offsets, from per-stencil sizes and counts the
 * extractor precomputed), then emit (copy and patch). A rel32 to a runtime
 * function out of reach (the arena and libc can be far apart) goes through
 * a trampoline, `jmp [rip+0]` and the address; a GOT-relative hole reads an
 * 8-byte slot. Both are in the same piece, so always in reach, and shared
 * by every hole with the same target. The area is sized for the worst case
 * and the unused tail given back to the arena.
 *
 * The plan also chooses each op's stencil variant. The top of the VM stack
 * is cached in registers (stencils/template.c): every stencil exists once
 * per cache depth and says the depth each of its ways out is taken at, so
 * the depth flows from op to op along the fall-through path. An op that is
 * jumped to (an exit, the loop's head) is entered at depth 0: a jump, a
 * failed guard or an error taken with values in registers goes through a
 * write-back stub (a _SPILL stencil and a jmp, laid out after the ops, one
 * per target and depth), and where the op before a target leaves values
 * in registers, a _SPILL stencil between the two writes them back. */
#include "stitch.h"

#include <stdlib.h>
#include <string.h>

#define TRAMPOLINE_SIZE 16
#define PIECE_ALIGN 16

static size_t align_up(size_t x, size_t a) { return (x + a - 1) & ~(a - 1); }

/* ---- plan ---------------------------------------------------------------- */

static bool valid_target(int32_t t, int n) { return (uint32_t)t < (uint32_t)n; }

/* One trace's plan, in LAYOUT_WORDS(n) words: off[0..n] the code of each
 * op (off[n] is the end of the ops' code, where the write-back stubs
 * start), off[n+1..2n] the data of each op, off[2n+1..3n] each op's cache
 * word (CACHE_*), then 3 words per op: where the stub that enters it from
 * depth 1, 2, 3 starts, plus 1 (0: no stub); size: code and data;
 * code_end: the end of the stubs. */
typedef struct Layout {
    uint32_t *off;
    size_t size, code_end;
    int nstubs;
} Layout;
/* ... and after those, the list of stubs (up to 3 per op). */
#define LAYOUT_WORDS(n) (9 * (size_t)(n) + 1)
#define JMP_REL32_SIZE 5
/* A cache word: the depth the op's variant is entered at, the depth of
 * the _SPILL stencil laid out just before it (0: none), and while
 * planning, whether anything jumps to it. */
#define CACHE_DEPTH(w) ((w) & 0xFF)
#define CACHE_SPILL(w) ((w) >> 8 & 0xFF)
#define CACHE_TARGET 0x10000u

static uint32_t *cache_words(const Layout *l, int n) { return l->off + 2 * (size_t)n + 1; }

static const Stencil *op_stencil(const StitchOp *ops, int n, const Layout *l, int i) {
    return &stencils[ops[i].stencil][CACHE_DEPTH(cache_words(l, n)[i])];
}

static const Stencil *spill_stencil(uint32_t w) { return &stencils[STENCIL_SPILL][CACHE_SPILL(w)]; }

/* Where fall-through enters op i: its _SPILL, if one stands before it. */
static uint32_t fall_in(const Layout *l, int n, int i) {
    uint32_t w = cache_words(l, n)[i];
    return l->off[i] - (CACHE_SPILL(w) ? spill_stencil(w)->code_size : 0);
}

static uint32_t *stub_words(const Layout *l, int n) { return l->off + 3 * (size_t)n + 1; }

/* Where a way out (JUMP, DEOPT, ERROR) of op aims. */
static int32_t way_target(const StitchOp *op, unsigned way) {
    return way == HV_JUMP ? op->jump : way == HV_DEOPT ? op->deopt : op->error;
}

/* The ways out that can aim at a stub. */
#define STUB_WAYS (1u << HV_JUMP | 1u << HV_DEOPT | 1u << HV_ERROR)

/* Lay out the write-back stubs the ways out of ops[0..n) need, from *at,
 * listing each (target << 2 | depth) after the table for emit. */
static void plan_stubs(const StitchOp *ops, int n, Layout *l, size_t *at) {
    uint32_t *stub = stub_words(l, n), *list = stub + 3 * (size_t)n;
    memset(stub, 0, 3 * (size_t)n * sizeof *stub);
    l->nstubs = 0;
    for (int i = 0; i < n; i++) {
        const Stencil *s = op_stencil(ops, n, l, i);
        for (unsigned ways = s->uses & STUB_WAYS; ways; ways &= ways - 1) {
            unsigned way = (unsigned)__builtin_ctz(ways), d = s->leaves_at[way];
            if (d == 0) continue;
            uint32_t t = (uint32_t)way_target(&ops[i], way), *w = &stub[3 * t + d - 1];
            if (*w) continue;
            *w = (uint32_t)*at + 1;
            list[l->nstubs++] = t << 2 | d;
            *at += stencils[STENCIL_SPILL][d].code_size + JMP_REL32_SIZE;
        }
    }
}

/* Mark every op something may jump to (any target an op names: a target
 * its stencil never uses only costs a spill). */
static void mark_targets(const StitchOp *ops, int n, uint32_t *cache) {
    memset(cache, 0, (size_t)n * sizeof *cache);
    for (int i = 0; i < n; i++) {
        if (valid_target(ops[i].jump, n)) cache[ops[i].jump] |= CACHE_TARGET;
        if (valid_target(ops[i].deopt, n)) cache[ops[i].deopt] |= CACHE_TARGET;
        if (valid_target(ops[i].error, n)) cache[ops[i].error] |= CACHE_TARGET;
    }
}


/* Does every target op's hole s uses exist? */
static bool targets_ok(unsigned uses, const StitchOp *op, int i, int n) {
    return (!(uses & 1u << HV_CONTINUE) || i + 1 < n) && (!(uses & 1u << HV_JUMP) || valid_target(op->jump, n)) &&
           (!(uses & 1u << HV_DEOPT) || valid_target(op->deopt, n)) &&
           (!(uses & 1u << HV_ERROR) || valid_target(op->error, n));
}

/* Fill l and add the trace's worst-case GOT slots and trampolines to *got
 * and *far. */
static StitchError plan(const StitchOp *ops, int n, Layout *l, size_t *got, size_t *far) {
    if (n <= 0) return STITCH_NO_TARGET;
    uint32_t *off = l->off, *cache = cache_words(l, n);
    mark_targets(ops, n, cache);
    size_t at = 0;
    unsigned d = 0;
    for (int i = 0; i < n; i++) {
        unsigned id = ops[i].stencil;
        if (d && cache[i] & CACHE_TARGET) {
            cache[i] = d << 8;
            at += spill_stencil(cache[i])->code_size;
            d = 0;
        } else {
            cache[i] = 0;
        }
        if (id >= STENCIL_COUNT || !stencils[id][d].present) return STITCH_NO_STENCIL;
        const Stencil *s = &stencils[id][d];
        if (!targets_ok(s->uses, &ops[i], i, n)) return STITCH_NO_TARGET;
        cache[i] |= d;
        off[i] = (uint32_t)at;
        at += s->code_size;
        *got += s->ngot;
        *far += s->nfar;
        /* An op no continuation reaches is only ever jumped to. */
        d = s->falls_through || s->uses & 1u << HV_CONTINUE ? s->leaves_at[HV_CONTINUE] : 0;
    }
    /* The last op would run into the data. */
    if (op_stencil(ops, n, l, n - 1)->falls_through) return STITCH_NO_TARGET;
    off[n] = (uint32_t)at;
    plan_stubs(ops, n, l, &at);
    l->code_end = at;
    for (int i = 0; i < n; i++) {
        const Stencil *s = op_stencil(ops, n, l, i);
        if (s->data_size) at = align_up(at, s->data_align);
        off[n + 1 + i] = (uint32_t)at;
        at += s->data_size;
    }
    l->size = at;
    return STITCH_OK;
}

/* ---- emit ---------------------------------------------------------------- */

/* The piece's shared GOT slots and trampolines, filled on demand. */
typedef struct Far {
    uint8_t *got, *tramp;
    int ngot, ntramp;
} Far;

static uint8_t *far_end(const Far *f) { return f->tramp + (size_t)f->ntramp * TRAMPOLINE_SIZE; }

static uint8_t *got_slot(Far *f, uint64_t v) {
    for (int k = 0; k < f->ngot; k++)
        if (memcmp(f->got + 8 * k, &v, 8) == 0) return f->got + 8 * k;
    uint8_t *e = f->got + 8 * f->ngot++;
    memcpy(e, &v, 8);
    return e;
}

static uint8_t *trampoline(Far *f, uint64_t v) {
    static const uint8_t jmp_rip[6] = {0xFF, 0x25, 0, 0, 0, 0}; /* jmp [rip+0] */
    for (int k = 0; k < f->ntramp; k++)
        if (memcmp(f->tramp + TRAMPOLINE_SIZE * k + 6, &v, 8) == 0) return f->tramp + TRAMPOLINE_SIZE * k;
    uint8_t *e = f->tramp + TRAMPOLINE_SIZE * f->ntramp++;
    memcpy(e, jmp_rip, 6);
    memcpy(e + 6, &v, 8);
    memset(e + 14, 0xCC, 2);
    return e;
}

static bool fits_s32(int64_t v) { return v == (int32_t)v; }

static void put32(uint8_t *at, uint32_t v) { memcpy(at, &v, 4); }

/* Patch hole h at `at` with S = s (A added here). */
static bool patch(uint8_t *at, const Hole *h, uint64_t s, Far *f) {
    uint64_t v = s + (uint64_t)h->addend;
    int64_t rel;
    switch ((HoleKind)h->kind) {
    case HOLE_ABS64: memcpy(at, &v, 8); return true;
    case HOLE_ABS32:
        if (v > UINT32_MAX) return false;
        put32(at, (uint32_t)v);
        return true;
    case HOLE_ABS32S:
        if (!fits_s32((int64_t)v)) return false;
        put32(at, (uint32_t)v);
        return true;
    case HOLE_REL32:
        rel = (int64_t)(v - (uint64_t)(uintptr_t)at);
        if (!fits_s32(rel)) {
            /* Only a call or jump can go through a trampoline. */
            if (!h->branch || h->value != HV_SYMBOL) return false;
            rel = (int64_t)((uint64_t)(uintptr_t)trampoline(f, s) + (uint64_t)h->addend - (uint64_t)(uintptr_t)at);
            if (!fits_s32(rel)) return false;
        }
        put32(at, (uint32_t)rel);
        return true;
    case HOLE_GOTREL32:
        rel = (int64_t)((uint64_t)(uintptr_t)got_slot(f, s) + (uint64_t)h->addend - (uint64_t)(uintptr_t)at);
        if (!fits_s32(rel)) return false;
        put32(at, (uint32_t)rel);
        return true;
    case HOLE_KIND_COUNT: break;
    }
    return false;
}

/* The op a CONTINUE/JUMP/DEOPT/ERROR hole of ops[i] aims at (unchecked);
 * -1 for the other values. */
static int32_t target_op(const StitchOp *op, int i, unsigned value) {
    switch (value) {
    case HV_CONTINUE: return i + 1;
    case HV_JUMP: return op->jump;
    case HV_DEOPT: return op->deopt;
    case HV_ERROR: return op->error;
    default: return -1;
    }
}

/* What each kind of hole of ops[i] (code and data at `code`, `data`) is
 * filled with. Targets were checked by plan, and a target a stencil does
 * not use is never read, so a missing one may point anywhere in range.
 * always_inline: with a second caller (record), plain inline let GCC lay
 * out emit's loop differently, +2.5 instructions per uop on the benchmark. */
static inline __attribute__((always_inline)) void op_values(uint64_t val[HV_COUNT], uint8_t *base, const Layout *l,
                                                            const StitchOp *op, int i, int n, uint8_t *code,
                                                            uint8_t *data) {
    const uint32_t *code_off = l->off;
    const Stencil *s = op_stencil(op - i, n, l, i);
    val[HV_CONTINUE] = (uintptr_t)(base + (i + 1 < n ? fall_in(l, n, i + 1) : code_off[n]));
    /* A way out taken with values in registers goes through its stub
     * (only the ways the stencil uses: plan checked their targets). */
    for (unsigned ways = s->uses & STUB_WAYS; ways; ways &= ways - 1) {
        unsigned way = (unsigned)__builtin_ctz(ways), d = s->leaves_at[way];
        int32_t t = way_target(op, way);
        uint32_t at = d ? stub_words(l, n)[3 * t + d - 1] - 1 : code_off[t];
        val[way] = (uintptr_t)(base + at);
    }
    val[HV_OPARG] = op->oparg;
    val[HV_OPERAND] = op->operand;
    val[HV_IP] = (uintptr_t)op->ip;
    val[HV_CODE] = (uintptr_t)code;
    val[HV_DATA] = (uintptr_t)data;
}

/* S for hole h, given its op's values. */
static inline uint64_t hole_value(const Hole *h, const uint64_t val[HV_COUNT]) {
    return h->value == HV_SYMBOL ? (uintptr_t)stencil_symbol_addrs[h->symbol] : val[h->value];
}

/* The write-back stubs: a _SPILL stencil (no holes) and a jmp to the op. */
static void emit_stubs(uint8_t *base, int n, const Layout *l) {
    const uint32_t *stub = stub_words(l, n), *list = stub + 3 * (size_t)n;
    for (int k = 0; k < l->nstubs; k++) {
        uint32_t t = list[k] >> 2, d = list[k] & 3;
        const Stencil *s = &stencils[STENCIL_SPILL][d];
        uint8_t *at = base + stub[3 * t + d - 1] - 1;
        memcpy(at, s->code, s->code_size);
        at += s->code_size;
        at[0] = 0xE9; /* jmp rel32 */
        put32(at + 1, (uint32_t)((int64_t)l->off[t] - (int64_t)(at + JMP_REL32_SIZE - base)));
    }
}

/* Copy and patch one planned trace at base. */
static StitchError emit(uint8_t *base, const StitchOp *ops, int n, const Layout *l, Far *f) {
    const uint32_t *code_off = l->off, *data_off = l->off + n + 1;
    /* Between the code and the data: int3, never executed. */
    memset(base + l->code_end, 0xCC, l->size - l->code_end);
    emit_stubs(base, n, l);
    for (int i = 0; i < n; i++) {
        const StitchOp *op = &ops[i];
        const Stencil *s = op_stencil(ops, n, l, i);
        uint8_t *code = base + code_off[i], *data = base + data_off[i];
        /* A spill has no holes: it stores registers and falls through. */
        uint32_t in = fall_in(l, n, i);
        if (in < code_off[i]) memcpy(base + in, spill_stencil(cache_words(l, n)[i])->code, code_off[i] - in);
        memcpy(code, s->code, s->code_size);
        if (s->data_size) memcpy(data, s->data, s->data_size);
        if (!s->nholes) continue;
        uint64_t val[HV_COUNT];
        op_values(val, base, l, op, i, n, code, data);
        for (const Hole *h = s->holes, *end = h + s->nholes; h < end; h++)
            if (!patch((h->in_data ? data : code) + h->offset, h, hole_value(h, val), f)) return STITCH_RANGE;
    }
    return STITCH_OK;
}

/* ---- listing (STITCH_JIT_DUMP) ------------------------------------------- */

/* A second walk over an emitted trace, only when a listing is wanted, so
 * emit itself pays nothing for it. */
static StitchError record(uint8_t *base, const StitchOp *ops, int n, const Layout *l, StitchListing *out) {
    const uint32_t *code_off = l->off, *data_off = l->off + n + 1;
    size_t nholes = 0;
    for (int i = 0; i < n; i++) nholes += op_stencil(ops, n, l, i)->nholes;
    out->op_start = malloc(((size_t)n + 1) * sizeof *out->op_start);
    out->cache = malloc((size_t)n * sizeof *out->cache);
    out->holes = malloc((nholes ? nholes : 1) * sizeof *out->holes);
    if (!out->op_start || !out->cache || !out->holes) return STITCH_NO_MEMORY;
    memcpy(out->op_start, code_off, ((size_t)n + 1) * sizeof *code_off);
    for (int i = 0; i < n; i++) out->cache[i] = (uint8_t)CACHE_DEPTH(cache_words(l, n)[i]);
    out->data_end = (uint32_t)l->size;
    out->code_end = (uint32_t)l->code_end;
    for (int i = 0; i < n; i++) {
        const Stencil *s = op_stencil(ops, n, l, i);
        uint64_t val[HV_COUNT];
        op_values(val, base, l, &ops[i], i, n, base + code_off[i], base + data_off[i]);
        for (const Hole *h = s->holes, *end = h + s->nholes; h < end; h++)
            out->holes[out->nholes++] = (StitchHoleRecord){
                .op = (uint32_t)i,
                .at = (h->in_data ? data_off[i] : code_off[i]) + h->offset,
                .kind = h->kind,
                .value = h->value,
                .in_data = h->in_data,
                .symbol = h->symbol,
                .target_op = target_op(&ops[i], i, h->value),
                .target = hole_value(h, val),
                .addend = h->addend,
            };
    }
    return STITCH_OK;
}

void stitch_listing_free(StitchListing *l) {
    if (!l) return;
    free(l->op_start);
    free(l->cache);
    free(l->holes);
    *l = (StitchListing){0};
}

/* ---- the entry points ------------------------------------------------------ */

size_t stitch_size(const StitchOp *ops, int n) {
    Layout l = {n > 0 ? malloc(LAYOUT_WORDS(n) * sizeof *l.off) : NULL, 0, 0, 0};
    size_t got = 0, far = 0;
    StitchError e = l.off ? plan(ops, n, &l, &got, &far) : STITCH_NO_MEMORY;
    free(l.off);
    if (e != STITCH_OK) return 0;
    return align_up(align_up(l.size, 8) + 8 * got, TRAMPOLINE_SIZE) + TRAMPOLINE_SIZE * far;
}

/* The far area after `at` bytes of traces, for got/far worst cases. */
static Far far_area(uint8_t *base, size_t at, size_t got) {
    size_t got_off = align_up(at, 8);
    return (Far){base + got_off, base + align_up(got_off + 8 * got, TRAMPOLINE_SIZE), 0, 0};
}

size_t stitch_write(uint8_t *dst, const StitchOp *ops, int n, StitchError *err) {
    uint32_t small[256], *off = n > 0 && LAYOUT_WORDS(n) <= 256 ? small : malloc(LAYOUT_WORDS(n > 0 ? n : 0) * 4);
    Layout l = {off, 0, 0, 0};
    size_t got = 0, far = 0, used = 0;
    StitchError e = off ? plan(ops, n, &l, &got, &far) : STITCH_NO_MEMORY;
    if (e == STITCH_OK) {
        Far f = far_area(dst, l.size, got);
        e = emit(dst, ops, n, &l, &f);
        used = (size_t)(far_end(&f) - dst);
    }
    if (off != small) free(off);
    if (err) *err = e;
    return e == STITCH_OK ? used : 0;
}

#define SMALL_OFFS 1024
#define SMALL_TRACES 8

/* stitch_batch, with the piece's bytes in *used. */
static StitchError batch(CodeMem *cm, StitchTrace *t, int k, size_t *used) {
    size_t nofs = 0, got = 0, far = 0, at = 0;
    for (int j = 0; j < k; j++) {
        nofs += LAYOUT_WORDS(t[j].n > 0 ? t[j].n : 0);
        if (t[j].listing) *t[j].listing = (StitchListing){0};
    }
    uint32_t offs_small[SMALL_OFFS];
    Layout ls_small[SMALL_TRACES];
    size_t start_small[SMALL_TRACES];
    uint32_t *offs = nofs <= SMALL_OFFS ? offs_small : malloc(nofs * sizeof *offs);
    Layout *ls = k <= SMALL_TRACES ? ls_small : malloc((size_t)k * sizeof *ls);
    size_t *start = k <= SMALL_TRACES ? start_small : malloc((size_t)k * sizeof *start);
    StitchError e = k <= 0 ? STITCH_NO_TARGET : offs && ls && start ? STITCH_OK : STITCH_NO_MEMORY;
    for (int j = 0, o = 0; j < k && e == STITCH_OK; j++) {
        ls[j].off = offs + o;
        e = plan(t[j].ops, t[j].n, &ls[j], &got, &far);
        o += LAYOUT_WORDS(t[j].n > 0 ? t[j].n : 0);
        start[j] = at = align_up(at, PIECE_ALIGN);
        at += ls[j].size;
    }
    size_t total = align_up(align_up(at, 8) + 8 * got, TRAMPOLINE_SIZE) + TRAMPOLINE_SIZE * far;
    uint8_t *base = e == STITCH_OK ? codemem_alloc(cm, total) : NULL;
    if (e == STITCH_OK && !base) e = STITCH_NO_MEMORY;
    if (e == STITCH_OK) {
        Far f = far_area(base, at, got);
        for (int j = 0; j < k && e == STITCH_OK; j++) {
            /* The alignment gap before each trace: int3. */
            size_t gap_from = j ? start[j - 1] + ls[j - 1].size : 0;
            memset(base + gap_from, 0xCC, start[j] - gap_from);
            e = emit(base + start[j], t[j].ops, t[j].n, &ls[j], &f);
            if (e == STITCH_OK && t[j].listing)
                e = record(base + start[j], t[j].ops, t[j].n, &ls[j], t[j].listing);
        }
        *used = (size_t)(far_end(&f) - base);
        /* A failed piece goes back to the arena whole (never executable). */
        codemem_shrink(cm, base, e == STITCH_OK ? *used : 0);
        if (e == STITCH_OK && codemem_seal(cm, base, *used) != 0) e = STITCH_NO_MEMORY;
    }
    for (int j = 0; j < k; j++) {
        if (e != STITCH_OK) {
            stitch_listing_free(t[j].listing); /* all or nothing */
        } else {
            t[j].entry = base + start[j];
            t[j].size = ls[j].size;
        }
    }
    if (offs != offs_small) free(offs);
    if (ls != ls_small) free(ls);
    if (start != start_small) free(start);
    return e;
}

int stitch_batch(CodeMem *cm, StitchTrace *t, int k, StitchError *err) {
    size_t used;
    StitchError e = batch(cm, t, k, &used);
    if (err) *err = e;
    return e == STITCH_OK ? 0 : -1;
}

void *stitch_listed(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchListing *listing,
                    StitchError *err) {
    StitchTrace t = {ops, n, NULL, 0, listing};
    size_t used = 0;
    StitchError e = batch(cm, &t, 1, &used);
    if (size) *size = e == STITCH_OK ? used : 0;
    if (err) *err = e;
    return e == STITCH_OK ? t.entry : NULL;
}

void *stitch(CodeMem *cm, const StitchOp *ops, int n, size_t *size, StitchError *err) {
    return stitch_listed(cm, ops, n, size, NULL, err);
}
