/* jit.h: the trace JIT's own types, shared by the files of jit/.
 *
 * A trace is a straight line of uops projected from the specialized
 * bytecode of a hot loop (project.c), optimized (optimize.c), then run
 * either as stitched machine code (executor.c, through stitch.c) or by the
 * uop interpreter (uop_interp.c, STITCH_JIT=uops). Every way out of a
 * trace is an Exit: the place tier 1 resumes at, with the frames, stack
 * and locals exactly as the interpreter would have them there, because a
 * trace keeps the VM stack in memory up to date at every uop boundary and
 * pushes real frames for the calls it inlines.
 */
#ifndef STITCH_JIT_JIT_H
#define STITCH_JIT_JIT_H

#include <stdio.h>

#include "codemem.h"
#include "stencil.h"
#include "stitch.h"
#include "uops.h"
#include "vm.h"

#define TRACE_MAX_UOPS 500  /* projection stops here (an exit to tier 1) */
#define TRACE_MAX_DEPTH 4   /* inlined calls, nested */
#define TRACE_MAX_EXITS 256

/* Why a trace leaves, which decides where tier 1 resumes. */
typedef enum ExitKind {
    EXIT_DEOPT,   /* a guard failed: rerun the instruction in tier 1 */
    EXIT_BRANCH,  /* a branch or loop went off the trace: resume at its target */
    EXIT_END,     /* the trace's end: tier 1 takes over from there */
    EXIT_ERROR,   /* an exception is raised: tier 1 unwinds from the instruction */
} ExitKind;

typedef struct Executor Executor;
typedef struct JitState JitState;

/* One way out. `link` must come first (the _EXIT_LINK stencil reads it). */
typedef struct Exit {
    JitExitLink link;        /* the linked trace's entry (machine code), or NULL */
    Executor *linked;        /* the trace linked to, or NULL */
    Executor *owner;
    uint16_t *resume;        /* where tier 1 goes on (errors: past the opcode) */
    Code *code;              /* of the frame the exit leaves from */
    uint32_t taken;
    uint8_t kind;            /* ExitKind */
    uint8_t op;              /* the opcode at resume when projected (deopts) */
    uint8_t depth;           /* frames below it the trace entered itself (so they are
                                the same at every exit here) */
    uint8_t side_tried;      /* a side trace was made or given up on */
    uint8_t retries;         /* failed attempts at a side trace */
} Exit;

/* One uop of a trace. */
typedef struct TraceOp {
    uint16_t uop;            /* Uop */
    uint8_t depth;           /* inlined frames below it (0: the loop's frame) */
    uint32_t oparg;
    uint64_t operand;
    uint16_t *ip;            /* the instruction's first cache unit (opcode + 1) */
    uint16_t *instr;         /* its first unit, EXTENDED_ARG prefixes included */
    Code *code;              /* the code object it comes from */
    int16_t deopt, error, jump; /* exits (indices into Trace.exits), or -1 */
} TraceOp;

/* A trace being built: uops and exits. */
typedef struct Trace {
    TraceOp ops[TRACE_MAX_UOPS];
    int n;
    struct {
        uint8_t kind;
        uint8_t op;
        uint8_t depth;
        uint16_t epoch;
        uint16_t *resume;
        Code *code;
    } exits[TRACE_MAX_EXITS];
    int nexits;
    Code *code;              /* the loop's (or side trace's) code object */
    uint16_t *start;         /* its first instruction */
    bool loops;              /* ends by jumping back to its start */
    bool returns_out;        /* returns into a caller of its first frame */
    uint16_t epoch;          /* frame changes so far (see trace_exit) */
    int loop_start;          /* first op after the preamble (optimize.c) */
    Code *inlined[TRACE_MAX_DEPTH * 8]; /* callees inlined (kept alive) */
    int ninlined;
    const char *stop;        /* why projection stopped (for the dump) */
    int guards_before, guards_after, uops_before;
} Trace;

/* A compiled trace. */
struct Executor {
    int id;
    bool valid;
    bool is_side;            /* started at a side exit, not at a loop head */
    bool private_entry;      /* assumes its exit's frames: only that exit links to it */
    Code *code;
    uint16_t *start;         /* the instruction the trace starts at */
    uint16_t *jump;          /* ENTER_EXECUTOR site (loop traces), else NULL */
    uint16_t saved_jump;     /* the JUMP_BACKWARD's cache unit before */
    void *entry;             /* machine code (JIT_MODE_CODE) */
    size_t code_size;
    TraceOp *ops;            /* the optimized trace (uop mode and the dump) */
    int nops;
    Exit *exits;
    int nexits;
    int end_exit;            /* the exit after the last op (loops: -1) */
    int loop_start;          /* where _JUMP_TO_TOP goes: past the preamble */
    uint32_t *type_deps;     /* class versions it guards (invalidation) */
    int ntype_deps;
    Dict *globals_dep;       /* globals dict whose keys it guards, or NULL */
    uint16_t *caches;        /* the cache units its uops read, as projected */
    Code **deps;             /* code objects it was projected through */
    int ndeps;
    uint64_t instrs_run;     /* STITCH_STATS: bytecode instructions run (_COUNT_INSTRS) */
};

/* Counters for STITCH_STATS. */
typedef struct JitStats {
    uint64_t compiled, side_compiled, failed, linked, invalidated, entries, evicted;
    uint64_t uops_before, uops_after, guards_before, guards_after;
    uint64_t code_bytes, compile_ns, stitch_ns, stitched_uops;
    uint64_t uops_run;       /* uop interpreter only */
} JitStats;

/* The JIT's state, one per VM (vm->jit_state). */
struct JitState {
    CodeMem *cm;
    Executor **executors;
    int nexecutors, cap;
    bool full;               /* code memory ran out: compile no more */
    FILE *dump;              /* STITCH_JIT_DUMP, or NULL */
    FILE *perf;              /* STITCH_JIT_PERF, or NULL */
    JitStats stats;
    Trace scratch;           /* the trace being projected */
};

/* project.c: project the trace starting at `start` in code `co` (the
 * topmost frame's) into t. A loop trace (loop_head set) closes when it
 * comes back to start. With `callers` (a side trace, entered only from the
 * exit it was made for), the ncallers frames below the topmost are known
 * (the exit's trace entered them itself): the trace may return into them
 * (t->returns_out says it did). Returns 0, or
 * -1 when nothing worth compiling came out (t->stop says why). */
int trace_project(VM *vm, Trace *t, Code *co, uint16_t *start, bool loop_head, Frame *callers,
                  int ncallers);
/* Add an exit of `kind` resuming at `resume` in code co; its index, or -1
 * when the table is full. Exits are shared only within one stretch of one
 * frame (equal kind, resume and t->epoch, which every inlined call and
 * return advances): a side trace may return into the frames below its
 * exit, so two exits at the same instruction under different call sites
 * (recursion inlined, or the same callee called twice) must stay apart. */
int trace_exit(Trace *t, ExitKind kind, uint16_t *resume, Code *co, int depth);
/* The opcode of the instruction starting at p (past EXTENDED_ARG prefixes). */
int trace_opcode_at(const uint16_t *p);

/* optimize.c: remove what the trace proves redundant (guards on values of
 * known type, constant loads through the code object). */
void trace_optimize(VM *vm, Trace *t);

/* uop_interp.c: run executor ex from the topmost frame (ip and sp saved)
 * until it exits; the exit taken. */
Exit *uop_run(VM *vm, Executor *ex);

/* dump.c / trace_dump.c: STITCH_JIT_DUMP output for one new executor. */
void trace_dump(VM *vm, FILE *out, Executor *ex, const Trace *t, const StitchListing *listing);

/* Source line of the instruction at ip in co. */
int jit_line_of(Code *co, const uint16_t *ip);

#endif
