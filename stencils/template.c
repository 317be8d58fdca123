/* template.c: one uop as a stencil, in continuation-passing style.
 *
 * Compiled by clang-19 once per stencil with -DUOP=<name> (see
 * stencils/CMakeLists.txt for the flags and stencils/README.md for why each
 * is there). The result is one function, _JIT_ENTRY, that runs the uop's
 * body (runtime/uop_bodies.h, the same text the interpreter runs) and then
 * tail-calls _JIT_CONTINUE. Everything a stitched copy needs to know is an
 * extern symbol here, so it appears in the object as a relocation (a hole):
 *
 *   _JIT_CONTINUE, _JIT_JUMP,        preserve_none functions: the next op,
 *   _JIT_DEOPT, _JIT_ERROR           a taken jump, a failed guard, an error
 *   _JIT_OPARG                       1-byte extern: its address is the oparg
 *   _JIT_IP, _JIT_OPERAND            char arrays: their address is a 64-bit
 *                                    value (the instruction's caches, an operand)
 *
 * Hole symbols have alignment 1 on purpose: clang folds `&x == 0` and
 * `(uintptr_t)&x & 7` for aligned externs, which would miscompile an oparg 0.
 *
 * The continuation's arguments live in registers (preserve_none: r12, r13,
 * r14, r15, ...): the frame, the stack pointer, the cached top of stack and
 * the VM. The cache is write-through: memory is always authoritative, and
 * `tos0` equals sp[-1] at every stencil boundary, which the entry tells the
 * compiler (__builtin_assume) so that the body's reads of STACK(-1) become
 * a register, and the reload at the end is forwarded from the body's own
 * store. More cached slots later means more `tosN` parameters in
 * STENCIL_CACHE and a stencil variant per depth.
 */
#include "interp.h"
#include "stencil.h"
#include "uops.h"

#define PRESERVE_NONE __attribute__((preserve_none))
#define MUSTTAIL __attribute__((musttail))

/* The cached stack values, deepest last. */
#define STENCIL_CACHE Value tos0
#define STENCIL_CACHE_ARGS tos0
/* `base` is frame->base, kept in a register (r15, which C callees
 * preserve) because locals are what loops touch most; vm comes last (rdi),
 * as it is mostly needed as a callee's first argument anyway. */
#define STENCIL_PARAMS Frame *frame, Value *sp, STENCIL_CACHE, Value *base, VM *vm
#define STENCIL_ARGS frame, sp, STENCIL_CACHE_ARGS, base, vm

typedef PRESERVE_NONE Value StencilFn(STENCIL_PARAMS);

extern StencilFn _JIT_CONTINUE, _JIT_JUMP, _JIT_DEOPT, _JIT_ERROR;
extern const uint8_t _JIT_OPARG;
/* Not const: RECORD_BRANCH writes through it (a store to a const object
 * would be undefined, and clang drops it). */
extern char _JIT_IP[];
/* Not const either: _COUNT_INSTRS stores through the operand. */
extern char _JIT_OPERAND[];

/* The oparg through a `mov $_JIT_OPARG, r32` (which zero-extends): from a
 * C cast of the address, or a 32-bit asm result, clang adds a redundant
 * zero-extension before using it as an index. */
static inline __attribute__((always_inline)) uint64_t jit_oparg(void) {
    uint64_t v;
    __asm__("movl $_JIT_OPARG, %k0" : "=r"(v));
    __builtin_assume(v <= UINT32_MAX);
    return v;
}
#define JIT_OPARG jit_oparg()
#define JIT_IP ((uint16_t *)(uintptr_t)_JIT_IP)
#define JIT_OPERAND ((uint64_t)(uintptr_t)_JIT_OPERAND)

/* Leave through `target` with the cache refreshed from memory. */
#define GOTO(target)                                                           \
    do {                                                                       \
        tos0 = sp[-1];                                                         \
        MUSTTAIL return target(STENCIL_ARGS);                                  \
    } while (0)

/* ---- the stencil ------------------------------------------------------------
 * Written before the bodies because UOP, the name given on the command line,
 * is also the contract's body-opening macro: the name is used here, then the
 * macro is redefined. */

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

static inline PRESERVE_NONE Value CAT(uop_, UOP)(STENCIL_PARAMS);

/* flatten: every helper the body calls is inlined (or stays an extern
 * call), so the object holds exactly one function. */
__attribute__((flatten)) PRESERVE_NONE Value _JIT_ENTRY(STENCIL_PARAMS) {
    MUSTTAIL return CAT(uop_, UOP)(STENCIL_ARGS);
}

#undef UOP

/* ---- the access macros of uop_bodies.h ----------------------------------- */

#define UOP(name)                                                              \
    static inline __attribute__((always_inline)) PRESERVE_NONE Value           \
        uop_##name(STENCIL_PARAMS) {                                           \
        __builtin_assume(sp[-1] == tos0);
#define UOP_END                                                                \
    GOTO(_JIT_CONTINUE);                                                       \
    }
#define STACK(i) (sp[(i)])
#define SP_ADJ(n) (sp += (n))
#define OPARG JIT_OPARG
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
        if (__builtin_expect(!!(c), 0)) GOTO(_JIT_DEOPT);                      \
    } while (0)
#define ERROR_IF(c)                                                            \
    do {                                                                       \
        if (__builtin_expect(!!(c), 0)) GOTO(_JIT_ERROR);                      \
    } while (0)
/* A taken jump leaves the stencil: in every body JUMP_BY is the last thing
 * done on its path. The distance is the projector's business (it knows the
 * target), so it is not a hole. */
#define JUMP_BY(n)                                                             \
    do {                                                                       \
        (void)(n);                                                             \
        GOTO(_JIT_JUMP);                                                       \
    } while (0)
#define RECORD_BRANCH(t) (JIT_IP[0] = (uint16_t)(JIT_IP[0] << 1 | (unsigned)(t)))
#define SYNC_FRAME(s) (frame->ip = JIT_IP, frame->sp = (s))
/* A pushed (or popped) frame is real: the trace goes on in it, so an exit
 * anywhere leaves the interpreter exactly the frames it would have. */
#define FRAME_PUSHED()                                                         \
    do {                                                                       \
        frame = &vm->frames[vm->nframes - 1];                                  \
        sp = frame->sp;                                                        \
        base = frame->base;                                                    \
        GOTO(_JIT_CONTINUE);                                                   \
    } while (0)
#define FRAME_POPPED()                                                         \
    (frame = &vm->frames[vm->nframes - 1], sp = frame->sp, base = frame->base)
#define OPERAND JIT_OPERAND
#define UOP_TIER2

#include "uop_bodies.h"

/* ---- the JIT's own stencils ------------------------------------------------ */

/* Leave the trace: the frame gets the stack pointer and the instruction to
 * resume at, and the entry shim returns OPERAND to its caller. */
static inline __attribute__((always_inline)) PRESERVE_NONE Value uop__EXIT_TRACE(STENCIL_PARAMS) {
    frame->sp = sp;
    frame->ip = JIT_IP;
    return (Value)JIT_OPERAND;
}

/* A side exit that may be linked: OPERAND points at a JitExitLink whose
 * `entry` is NULL until the exit gets a trace of its own, then the code
 * to go on in (another trace starting where this one leaves). The link
 * is data, so linking never writes to executable memory. */
static inline __attribute__((always_inline)) PRESERVE_NONE Value uop__EXIT_LINK(STENCIL_PARAMS) {
    frame->sp = sp;
    frame->ip = JIT_IP;
    StencilFn *next = (StencilFn *)((const JitExitLink *)JIT_OPERAND)->entry;
    if (next) MUSTTAIL return next(STENCIL_ARGS);
    return (Value)JIT_OPERAND;
}

