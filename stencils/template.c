/* template.c: one uop as a stencil, in continuation-passing style.
 *
 * Compiled by clang-19 once per stencil and cache depth, with -DUOP=<name>
 * -DCACHE_IN=<depth> (see stencils/CMakeLists.txt for the flags and
 * stencils/README.md for why each is there). The result is one function, _JIT_ENTRY, that runs the uop's
 * body (runtime/uop_bodies.h, the same text the interpreter runs) and then
 * tail-calls _JIT_CONTINUE. Everything a stitched copy needs to know is an
 * extern symbol here, so it appears in the object as a relocation (a hole):
 *
 *   _JIT_CONTINUE_<d>, _JIT_JUMP_<d>, preserve_none functions: the next op,
 *   _JIT_DEOPT_<d>, _JIT_ERROR_<d>   a taken jump, a failed guard, an error
 *   _JIT_OPARG                       1-byte extern: its address is the oparg
 *   _JIT_IP, _JIT_OPERAND            char arrays: their address is a 64-bit
 *                                    value (the instruction's caches, an operand)
 *
 * Hole symbols have alignment 1 on purpose: clang folds `&x == 0` and
 * `(uintptr_t)&x & 7` for aligned externs, which would miscompile an oparg 0.
 *
 * The continuation's arguments live in registers (preserve_none: r12, r13,
 * r14, r15, rdi, rsi, rdx): the frame, the stack pointer, the top of the
 * stack, the locals, the VM and two more stack values. The top of the VM
 * stack is cached in registers (Ertl's stack caching): a stencil is
 * compiled once per cache depth CACHE_IN (0 to STENCIL_CACHE_MAX values
 * held in tos0, tos1, tos2, tos0 the topmost), and those values are
 * NOT in memory: `sp` points just past what is. A body works on a small
 * local window (below) that clang turns back into registers, so a chain
 * like LOAD_FAST LOAD_FAST BINARY_OP_ADD_INT STORE_FAST touches the VM
 * stack not at all. Each way out names the depth it is taken at
 * (_JIT_CONTINUE_2, _JIT_DEOPT_1, ...), which the extractor records: the
 * continuation's is the depth the next stencil is built for, and the
 * stitcher sends the others through a write-back stub when it is not 0,
 * so jump targets and exits always start at depth 0. A uop that may call
 * out, raise or touch frames (and the JIT's exits) first writes the cached
 * values back: the collector and the interpreter only ever look at
 * memory.
 */
#include "interp.h"
#include "stencil.h"
#include "uops.h"

#define PRESERVE_NONE __attribute__((preserve_none))
#define MUSTTAIL __attribute__((musttail))
#define ALWAYS_INLINE static inline __attribute__((always_inline))

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

#ifndef CACHE_IN
#define CACHE_IN 0
#endif
_Static_assert(CACHE_IN >= 0 && CACHE_IN <= STENCIL_CACHE_MAX, "CACHE_IN out of range");

/* `base` is frame->base, kept in a register (r15, which C callees
 * preserve) because locals are what loops touch most; vm is mostly needed
 * as a callee's first argument anyway (rdi). tos0 sits in r14, which C
 * callees preserve too; tos1 and tos2 in rsi and rdx, which they do not:
 * a deep cache costs a save only where a body calls out. */
#define STENCIL_PARAMS Frame *frame, Value *sp, Value tos0, Value *base, VM *vm, Value tos1, Value tos2
#define STENCIL_ARGS frame, sp, tos0, base, vm, tos1, tos2

typedef PRESERVE_NONE Value StencilFn(STENCIL_PARAMS);

/* Every way out, once per cache depth it is taken at. */
#define WAYS_OUT(X) X(_JIT_CONTINUE) X(_JIT_JUMP) X(_JIT_DEOPT) X(_JIT_ERROR)
#define DECLARE(way) extern StencilFn way##_0, way##_1, way##_2, way##_3;
WAYS_OUT(DECLARE)
_Static_assert(STENCIL_CACHE_MAX == 3, "one symbol per way out and depth");
extern const uint8_t _JIT_OPARG;
/* Not const: RECORD_BRANCH writes through it (a store to a const object
 * would be undefined, and clang drops it). */
extern char _JIT_IP[];
/* Not const either: _COUNT_INSTRS stores through the operand. */
extern char _JIT_OPERAND[];

/* The oparg through a `mov $_JIT_OPARG, r32` (which zero-extends): from a
 * C cast of the address, or a 32-bit asm result, clang adds a redundant
 * zero-extension before using it as an index. */
ALWAYS_INLINE uint64_t jit_oparg(void) {
    uint64_t v;
    __asm__("movl $_JIT_OPARG, %k0" : "=r"(v));
    __builtin_assume(v <= UINT32_MAX);
    return v;
}
#define JIT_OPARG jit_oparg()
#define JIT_IP ((uint16_t *)(uintptr_t)_JIT_IP)
#define JIT_OPERAND ((uint64_t)(uintptr_t)_JIT_OPERAND)

/* ---- which uops keep values in registers ----------------------------------
 * A uop runs on the cache when it cannot call out, raise or touch frames,
 * and its stack effect does not depend on the oparg (so every slot it
 * names is known when the stencil is compiled). The others, and the JIT's
 * own exits, write the cache back first and run on memory. The stack
 * effects are evaluated at opargs 0, 1 and 2 to see whether they depend on
 * it. */
#define oparg 0
#define U(name, po, pu, fl) enum { CAT(npop0, name) = (po), CAT(npush0, name) = (pu) };
UOP_LIST(U)
#undef U
#undef oparg
#define oparg 2
#define U(name, po, pu, fl) enum { CAT(npop2, name) = (po), CAT(npush2, name) = (pu) };
UOP_LIST(U)
#undef U
#undef oparg
/* A UOPF_NULL_BIT uop only ever gets an even oparg in a trace (the
 * projector splits off the NULL), so only even opargs count for it. */
#define oparg 1
#define U(name, po, pu, fl)                                                                    \
    enum {                                                                                     \
        CAT(nullbit, name) = ((fl) & UOPF_NULL_BIT) != 0,                                      \
        CAT(cached, name) = !((fl) & (UOPF_ESCAPES | UOPF_ERROR | UOPF_FRAME | UOPF_FRAME_POP)) && \
                            CAT(npop0, name) == CAT(npop2, name) &&                            \
                            CAT(npush0, name) == CAT(npush2, name) &&                          \
                            (((fl) & UOPF_NULL_BIT) ||                                         \
                             (CAT(npop0, name) == (po) && CAT(npush0, name) == (pu))),         \
        CAT(npop, name) = CAT(npop0, name),                                                    \
        CAT(npush, name) = CAT(npush0, name)                                                   \
    };
UOP_LIST(U)
#undef U
#undef oparg
#define X(name) enum { CAT(cached, name) = 0, CAT(npop, name) = 0, CAT(npush, name) = 0, CAT(nullbit, name) = 0 };
JIT_EXTRA_STENCILS(X)
#undef X

/* The window: slots at and above `sp` that the stencil holds in registers.
 * w[0..n) are the cached values, w[n-1] the top; pushes go to w[n]. STACK
 * and SP_ADJ only ever compute constant indices here, so clang's scalar
 * replacement keeps the window in registers. */
#define WINDOW 8
/* -Os would keep these loops (and the window with them) in memory. */
#define UNROLL _Pragma("clang loop unroll(full)")
typedef struct Window {
    Value w[WINDOW];
    int n;
} Window;

/* Write the whole window back (every slot then lives in memory). */
ALWAYS_INLINE void window_spill(Window *c, Value **sp) {
    UNROLL for (int j = 0; j < c->n; j++) (*sp)[j] = c->w[j];
    *sp += c->n;
    c->n = 0;
}

/* Entry: the incoming registers into the window; a cached uop also loads
 * the inputs it pops that are still in memory, so its result, written over
 * them, stays in a register. (No loop here moves values within the window:
 * clang would make it a memmove and keep the window in memory.) */
ALWAYS_INLINE void window_enter(Window *c, Value **sp, bool cached, int pops, Value t0, Value t1, Value t2) {
    Value in[3] = {t0, t1, t2};
    int d = cached && pops > CACHE_IN ? pops - CACHE_IN : 0;
    UNROLL for (int j = 0; j < d; j++) c->w[j] = (*sp)[j - d];
    UNROLL for (int j = 0; j < CACHE_IN; j++) c->w[d + CACHE_IN - 1 - j] = in[j];
    *sp -= d;
    c->n = d + CACHE_IN;
    if (!cached) window_spill(c, sp);
}

/* Slot i relative to the logical top (STACK's argument). */
ALWAYS_INLINE Value *window_slot(Window *c, Value *sp, bool cached, int i) {
    int p = c->n + i;
    return cached && p >= 0 ? &c->w[p] : &sp[p];
}

ALWAYS_INLINE void window_adj(Window *c, Value **sp, bool cached, int k) {
    if (!cached) {
        *sp += k;
        return;
    }
    c->n += k;
    if (c->n < 0) {
        *sp += c->n;
        c->n = 0;
    }
}

/* The cache registers after a uop that ran on memory: the next stencil
 * reads none of them. An empty asm "defines" each in place, so clang
 * neither keeps the incoming (already written back) values alive across
 * the uop's calls nor spends an instruction on them (it would zero a
 * __builtin_nondeterministic_value). */
#define UNUSED(reg)                                                            \
    ({                                                                         \
        register Value r_ __asm__(reg);                                        \
        __asm__("" : "=r"(r_));                                                \
        r_;                                                                    \
    })

/* Leave through `way` (_JIT_CONTINUE, _JIT_JUMP, ...) with the window in
 * registers: the deepest values beyond STENCIL_CACHE_MAX are written back,
 * and the symbol names the depth, which the extractor records. The
 * stitcher makes the target of a jump, a failed guard or an error start at
 * depth 0 by sending it through a write-back stub, so a guard's cold path
 * is one conditional jump. */
#define LEAVE(way)                                                             \
    do {                                                                       \
        int keep_ = win.n < STENCIL_CACHE_MAX ? win.n : STENCIL_CACHE_MAX;     \
        int out_ = win.n - keep_;                                              \
        UNROLL for (int j = 0; j < out_; j++) sp[j] = win.w[j];                \
        sp += out_;                                                            \
        if (keep_ > 0) tos0 = win.w[win.n - 1];                                \
        if (keep_ > 1) tos1 = win.w[win.n - 2];                                \
        if (keep_ > 2) tos2 = win.w[win.n - 3];                                \
        if (!CACHED) {                                                         \
            tos0 = UNUSED("r14");                                              \
            tos1 = UNUSED("rsi");                                              \
            tos2 = UNUSED("rdx");                                              \
        }                                                                      \
        switch (keep_) {                                                       \
        case 0: MUSTTAIL return way##_0(STENCIL_ARGS);                         \
        case 1: MUSTTAIL return way##_1(STENCIL_ARGS);                         \
        case 2: MUSTTAIL return way##_2(STENCIL_ARGS);                         \
        default: MUSTTAIL return way##_3(STENCIL_ARGS);                        \
        }                                                                      \
    } while (0)

/* ---- the stencil ------------------------------------------------------------
 * Written before the bodies because UOP, the name given on the command line,
 * is also the contract's body-opening macro: the name is used here, then the
 * macro is redefined. */

static inline PRESERVE_NONE Value CAT(uop_, UOP)(STENCIL_PARAMS);

/* flatten: every helper the body calls is inlined (or stays an extern
 * call), so the object holds exactly one function. */
__attribute__((flatten)) PRESERVE_NONE Value _JIT_ENTRY(STENCIL_PARAMS) {
    MUSTTAIL return CAT(uop_, UOP)(STENCIL_ARGS);
}

#undef UOP

/* ---- the access macros of uop_bodies.h ----------------------------------- */

/* A body may not reach the frame's stack while values are in registers:
 * such a use links against this undefined symbol, and the build fails. */
extern int _JIT_CACHED_UOP_TOUCHES_THE_FRAME(void);
#define NOT_CACHED() ((void)(CACHED ? _JIT_CACHED_UOP_TOUCHES_THE_FRAME() : 0))

#define UOP(name)                                                              \
    ALWAYS_INLINE PRESERVE_NONE Value uop_##name(STENCIL_PARAMS) {             \
        enum { CACHED = CAT(cached, name), NULL_BIT = CAT(nullbit, name) };    \
        _Static_assert(!CACHED || (CACHE_IN > CAT(npop, name) ? CACHE_IN : CAT(npop, name)) + \
                                          CAT(npush, name) <= WINDOW,                    \
                       "the window is too small for this uop");                        \
        Window win;                                                            \
        window_enter(&win, &sp, CACHED, CAT(npop, name), tos0, tos1, tos2);
#define UOP_END                                                                \
    LEAVE(_JIT_CONTINUE);                                                      \
    }
#define STACK(i) (*window_slot(&win, sp, CACHED, (i)))
#define SP_ADJ(n) window_adj(&win, &sp, CACHED, (n))
#define OPARG (NULL_BIT ? JIT_OPARG & ~(uint64_t)1 : JIT_OPARG)
#define CACHE(i) (JIT_IP[(i)])
#define CACHE32(i) ((uint32_t)JIT_IP[(i)] | (uint32_t)JIT_IP[(i) + 1] << 16)
#define CACHE48(i)                                                             \
    ((uint64_t)JIT_IP[(i)] | (uint64_t)JIT_IP[(i) + 1] << 16 |                 \
     (uint64_t)JIT_IP[(i) + 2] << 32)
#define CACHE64(i) (CACHE48(i) | (uint64_t)JIT_IP[(i) + 3] << 48)
#define LOCAL(i) (base[(i)])
#define CONST(i) (frame->code->consts->items[(i)])
#define NAME(i) AS_STR(frame->code->names->items[(i)])
#define GLOBALS (frame->globals)
#define CODE (frame->code)
#define DEOPT_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) LEAVE(_JIT_DEOPT);                     \
    } while (0)
#define ERROR_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) LEAVE(_JIT_ERROR);                     \
    } while (0)
/* A taken jump leaves the stencil: in every body JUMP_BY is the last thing
 * done on its path. The distance is the projector's business (it knows the
 * target), so it is not a hole. */
#define JUMP_BY(n)                                                             \
    do {                                                                       \
        (void)(n);                                                             \
        LEAVE(_JIT_JUMP);                                                      \
    } while (0)
#define RECORD_BRANCH(t) (JIT_IP[0] = (uint16_t)(JIT_IP[0] << 1 | (unsigned)(t)))
#define SYNC_FRAME(s) (NOT_CACHED(), frame->ip = JIT_IP, frame->sp = (s))
/* A pushed (or popped) frame is real: the trace goes on in it, so an exit
 * anywhere leaves the interpreter exactly the frames it would have. */
#define FRAME_PUSHED()                                                         \
    do {                                                                       \
        NOT_CACHED();                                                          \
        frame = &vm->frames[vm->nframes - 1];                                  \
        sp = frame->sp;                                                        \
        base = frame->base;                                                    \
        LEAVE(_JIT_CONTINUE);                                                  \
    } while (0)
#define FRAME_POPPED()                                                         \
    (NOT_CACHED(), frame = &vm->frames[vm->nframes - 1], sp = frame->sp, base = frame->base)
#define OPERAND JIT_OPERAND
#define UOP_TIER2

#include "uop_bodies.h"

/* ---- the JIT's own stencils ------------------------------------------------ */

/* Leave the trace: the frame gets the stack pointer and the instruction to
 * resume at, and the entry shim returns OPERAND to its caller. */
UOP(_EXIT_TRACE)
    frame->sp = sp;
    frame->ip = JIT_IP;
    return (Value)JIT_OPERAND;
}

/* Nothing but the write-back every uncached stencil starts with: the
 * stitcher puts one before an op that is both jumped to (at depth 0) and
 * run into from an op that leaves values in registers. */
UOP(_SPILL)
UOP_END

/* A side exit that may be linked: OPERAND points at a JitExitLink whose
 * `entry` is NULL until the exit gets a trace of its own, then the code
 * to go on in (another trace starting where this one leaves, at depth 0).
 * The link is data, so linking never writes to executable memory. */
UOP(_EXIT_LINK)
    frame->sp = sp;
    frame->ip = JIT_IP;
    StencilFn *next = (StencilFn *)((const JitExitLink *)JIT_OPERAND)->entry;
    if (next) MUSTTAIL return next(STENCIL_ARGS);
    return (Value)JIT_OPERAND;
}
