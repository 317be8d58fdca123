/* stencil.h: the types of the generated stencil tables.
 *
 * A stencil is one uop's machine code, compiled once by clang at build time
 * from stencils/template.c, plus the holes the stitcher patches when it
 * copies the code into a trace: each hole says where (offset), how (kind:
 * the relocation's arithmetic and width) and with what (value: the uop's
 * oparg, the next stencil, a runtime helper, ...), plus an addend.
 * tools/build_stencils writes the tables (build tree, generated/stencils.h)
 * and jit/stencil_table.c compiles them; nothing else includes that header.
 *
 * Both lists are target-neutral: a new architecture adds its relocation
 * kinds to HOLE_KIND_LIST and a table mapping its ELF relocation types to
 * them (tools/build_stencils/reloc_<arch>.c). */
#ifndef STITCH_JIT_STENCIL_H
#define STITCH_JIT_STENCIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uops.h"

/* How a hole is patched: X(NAME, width in bytes). S is the value, A the
 * addend, P the hole's own address. */
#define HOLE_KIND_LIST(X)                                                      \
    X(ABS64, 8)    /* S + A, 64 bits */                                        \
    X(ABS32, 4)    /* S + A, must fit 32 bits unsigned (zero-extended) */      \
    X(ABS32S, 4)   /* S + A, must fit 32 bits signed (sign-extended) */        \
    X(REL32, 4)    /* S + A - P, signed 32 bits (a far S gets a trampoline) */ \
    X(GOTREL32, 4) /* slot + A - P, where a slot in the trace holds S */

/* What fills a hole: X(NAME, template symbol or NULL). The template refers
 * to each named symbol as an extern; the others come from relocations
 * against the stencil's own sections or against runtime functions. */
#define HOLE_VALUE_LIST(X)                                                     \
    X(CONTINUE, "_JIT_CONTINUE") /* the next op's code */                      \
    X(JUMP, "_JIT_JUMP")         /* where a taken JUMP_BY goes */              \
    X(DEOPT, "_JIT_DEOPT")       /* where a failed guard goes */               \
    X(ERROR, "_JIT_ERROR")       /* where a raised error goes (these four: */  \
                                 /* the ways out, STENCIL_WAYS) */              \
    X(OPARG, "_JIT_OPARG")       /* the instruction's oparg (32 bits) */       \
    X(OPERAND, "_JIT_OPERAND")   /* a 64-bit operand */                        \
    X(IP, "_JIT_IP")             /* the instruction's first cache unit */      \
    X(CODE, NULL)                /* this stencil's own code + A */             \
    X(DATA, NULL)                /* this stencil's own data + A */             \
    X(SYMBOL, NULL)              /* a runtime symbol (stencil_symbols) + A */

typedef enum HoleKind {
#define X(name, width) HOLE_##name,
    HOLE_KIND_LIST(X)
#undef X
    HOLE_KIND_COUNT
} HoleKind;

typedef enum HoleValue {
#define X(name, sym) HV_##name,
    HOLE_VALUE_LIST(X)
#undef X
    HV_COUNT
} HoleValue;
/* CONTINUE, JUMP, DEOPT and ERROR: the ways out of a stencil, each taken
 * at one cache depth (Stencil.leaves_at). */
#define STENCIL_WAYS 4

/* Stencils that are not uops of the interpreter: the JIT's own glue, each
 * compiled from the template like a uop. */
#define JIT_EXTRA_STENCILS(X)                                                  \
    X(_EXIT_TRACE) /* leave the trace: save sp and ip, return OPERAND */      \
    X(_EXIT_LINK)  /* the same, or go on in the trace OPERAND links to */   \
    X(_SPILL)      /* write the stack cache back to memory (stitch.c) */

/* The top of the VM stack is cached in up to STENCIL_CACHE_MAX registers
 * (stencils/template.c): every stencil is compiled once per input depth
 * 0..STENCIL_CACHE_MAX, and each says the depth it leaves at. */
#define STENCIL_CACHE_DEPTHS 4
#define STENCIL_CACHE_MAX (STENCIL_CACHE_DEPTHS - 1)

/* What an _EXIT_LINK's operand points at (the first member of the JIT's
 * exit record). */
typedef struct JitExitLink {
    void *entry;
} JitExitLink;

/* One id per stencil: the uops first (same numbers as enum Uop), then the
 * extras. */
typedef enum StencilId {
#define U(name, pops, pushes, flags) STENCIL##name,
    UOP_LIST(U)
#undef U
#define X(name) STENCIL##name,
    JIT_EXTRA_STENCILS(X)
#undef X
    STENCIL_COUNT
} StencilId;

typedef struct Hole {
    uint32_t offset;   /* in the code (or, when in_data, the data) */
    uint8_t kind;      /* HoleKind */
    uint8_t value;     /* HoleValue */
    uint8_t in_data;   /* the hole lies in the data bytes */
    uint8_t branch;    /* the rel32 of a call/jmp/jcc (a trampoline may stand in) */
    uint16_t symbol;   /* HV_SYMBOL: index into stencil_symbol_addrs */
    int64_t addend;
} Hole;

typedef struct Stencil {
    const uint8_t *code;
    const uint8_t *data;     /* read-only literals the code refers to */
    const Hole *holes;
    uint32_t code_size;      /* trailing jump to CONTINUE already dropped */
    uint32_t data_size;
    uint32_t data_align;
    uint16_t nholes;
    uint8_t leaves_at[STENCIL_WAYS]; /* the cache depth each way out is taken at
                                        (CONTINUE: the next op's variant) */
    bool falls_through;      /* the end is reached: the next op must follow */
    bool present;            /* false: this uop has no stencil (see docs/stencils.md) */
    /* Precomputed by the extractor so the stitcher never scans holes to
     * plan: which HoleValues the holes use (bit 1 << value), how many
     * GOTREL32 holes (slots) and branch REL32 holes to runtime symbols
     * (trampolines) there are at most. */
    uint16_t uses, ngot, nfar;
} Stencil;

/* The generated tables (jit/stencil_table.c). */
/* stencils[id][d]: stencil id entered with d values cached in registers. */
extern const Stencil stencils[STENCIL_COUNT][STENCIL_CACHE_DEPTHS];
extern const char *const stencil_names[STENCIL_COUNT];
extern const char *const stencil_symbol_names[];
extern void *const stencil_symbol_addrs[];
extern const int stencil_symbol_count;

#endif
