/* executor.c: the JIT's side of JitHooks: compiling hot loops and side
 * exits into executors, entering them, linking their exits, invalidating
 * them, and the counters.
 *
 * Life of a loop: the interpreter counts a JUMP_BACKWARD's jumps in its
 * cache unit; when hot, hot_loop projects the loop from its head
 * (project.c), optimizes (optimize.c) and stitches it (stitch.c: one
 * mprotect per trace, W^X), then rewrites the jump into ENTER_EXECUTOR
 * with the executor's number in the cache unit. From then on the jump
 * enters the trace, which runs until one of its exits returns to tier 1.
 *
 * Exits: a deopt (a guard failed) resumes at the instruction, a branch at
 * the way the trace did not go, an error just past the opcode, the end of
 * a trace where projection stopped. An exit taken SIDE_EXIT_HOT times
 * gets a trace of its own (or the existing trace that starts where it
 * resumes), and its link is set: the _EXIT_LINK stencil then jumps there
 * without returning to C. Links are data, never code, so no page is made
 * writable again. Executors are never freed while the VM lives (their
 * code may be on the C stack); an invalid one is never entered again.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "jit.h"
#include "opcodes.h"
#include "shim.h"
#include "specialize.h"
/* stitch_jit.h is not included: its stitch.h clashes with jit/stitch.h. */

#define JIT_MEMORY_DEFAULT ((size_t)64 << 20)
#define SIDE_EXIT_HOT 16
#define EXECUTORS_MAX 0xFFFF /* numbers fit ENTER_EXECUTOR's cache unit */

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- life cycle -------------------------------------------------------------- */

static int attach(VM *vm) {
    JitState *js = calloc(1, sizeof *js);
    if (!js) return -1;
    if (vm->opt.jit_mode == JIT_MODE_CODE) {
        js->cm = codemem_new(vm->opt.jit_memory ? vm->opt.jit_memory : JIT_MEMORY_DEFAULT);
        if (!js->cm) {
            free(js);
            return -1;
        }
    }
    const char *dump = vm->opt.jit_dump;
    if (dump) js->dump = strcmp(dump, "1") == 0 ? stderr : fopen(dump, "w");
    if (vm->opt.jit_perf && vm->opt.jit_mode == JIT_MODE_CODE) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        js->perf = fopen(path, "a");
    }
    vm->jit_state = js;
    return 0;
}

static void free_executor(Executor *ex) {
    free(ex->caches);
    free(ex->ops);
    free(ex->exits);
    free(ex->deps);
    free(ex->type_deps);
    free(ex);
}

static void detach(VM *vm) {
    JitState *js = vm->jit_state;
    if (!js) return;
    for (int i = 0; i < js->nexecutors; i++) free_executor(js->executors[i]);
    free(js->executors);
    if (js->cm) codemem_free(js->cm);
    if (js->dump && js->dump != stderr) fclose(js->dump);
    if (js->perf) fclose(js->perf);
    free(js);
    vm->jit_state = NULL;
}

/* ---- compiling ----------------------------------------------------------------- */

static int count_guards(const Trace *t) {
    int n = 0;
    for (int i = 0; i < t->n; i++) n += (uop_flags[t->ops[i].uop] & UOPF_GUARD) != 0;
    return n;
}

/* What invalidates the trace: the class versions its guards test, and
 * the keys of the loop frame's globals. */
static void record_deps(Executor *ex, const Trace *t, Frame *f) {
    ex->type_deps = malloc((size_t)(3 * t->n + 1) * sizeof *ex->type_deps);
    for (int i = 0; i < t->n && ex->type_deps; i++) {
        const TraceOp *op = &t->ops[i];
        bool guard_globals = op->uop == UOP_GUARD_GLOBALS_KEYS && op->depth == 0;
        if (guard_globals && f->globals) {
            ex->globals_dep = f->globals;
            f->globals->jit_watched = true;
        }
        if (op->uop == UOP_GUARD_TYPE_VERSION || op->uop == UOP_GUARD_CLASS_VERSION ||
            op->uop == UOP_CHECK_CLASS_VERSION || op->uop == UOP_GUARD_TYPE_VERSION_POLY)
            ex->type_deps[ex->ntype_deps++] = (uint32_t)op->ip[1] | (uint32_t)op->ip[2] << 16;
        /* The polymorphic guard's other classes (units 4-5, 6-7). */
        for (int j = 4; op->uop == UOP_GUARD_TYPE_VERSION_POLY && j <= 6; j += 2) {
            uint32_t v = (uint32_t)op->ip[j] | (uint32_t)op->ip[j + 1] << 16;
            if (v) ex->type_deps[ex->ntype_deps++] = v;
        }
    }
    ex->deps = malloc((size_t)(t->ninlined + 1) * sizeof *ex->deps);
    if (ex->deps) {
        memcpy(ex->deps, t->inlined, (size_t)t->ninlined * sizeof *ex->deps);
        ex->ndeps = t->ninlined;
    }
}

/* The stitcher's ops for ex: the trace, then its exits, the end exit
 * first so that the last op falls through into it. */
static StitchOp *stitch_ops(Executor *ex) {
    int n = ex->nops, m = ex->nexits;
    StitchOp *s = malloc((size_t)(n + m) * sizeof *s);
    int *at = malloc((size_t)(m ? m : 1) * sizeof *at);
    if (!s || !at) {
        free(s);
        free(at);
        return NULL;
    }
    for (int j = 0, k = n + (ex->end_exit >= 0); j < m; j++) at[j] = j == ex->end_exit ? n : k++;
    for (int i = 0; i < n; i++) {
        const TraceOp *op = &ex->ops[i];
        s[i] = (StitchOp){.stencil = op->uop, .oparg = op->oparg, .operand = op->operand,
                          .ip = op->ip, .jump = op->jump >= 0 ? at[op->jump] : -1,
                          .deopt = op->deopt >= 0 ? at[op->deopt] : -1,
                          .error = op->error >= 0 ? at[op->error] : -1};
        if (op->uop == UOP_JUMP_TO_TOP) s[i].jump = ex->loop_start;
    }
    for (int j = 0; j < m; j++) {
        Exit *e = &ex->exits[j];
        s[at[j]] = (StitchOp){.stencil = e->kind == EXIT_ERROR ? STENCIL_EXIT_TRACE : STENCIL_EXIT_LINK,
                              .operand = (uint64_t)(uintptr_t)e, .ip = e->resume,
                              .jump = -1, .deopt = -1, .error = -1};
    }
    free(at);
    return s;
}

/* The uops that read their instruction's cache (UOPF_OPERAND) read a copy
 * taken now: tier 1 may respecialize the instruction later and rewrite
 * its caches in another form's layout (a class version where a value was),
 * which the trace, projected from the old form, must not see. None of
 * these uops syncs the frame's ip, the one use of the real address. */
static bool snapshot_caches(Executor *ex) {
    size_t units = 0;
    for (int i = 0; i < ex->nops; i++)
        if (uop_flags[ex->ops[i].uop] & UOPF_OPERAND) units += opcode_caches[trace_opcode_at(ex->ops[i].instr)];
    if (!units) return true;
    if (!(ex->caches = malloc(units * sizeof *ex->caches))) return false;
    uint16_t *p = ex->caches;
    for (int i = 0; i < ex->nops; i++) {
        TraceOp *op = &ex->ops[i];
        if (!(uop_flags[op->uop] & UOPF_OPERAND)) continue;
        int n = opcode_caches[trace_opcode_at(op->instr)];
        memcpy(p, op->ip, (size_t)n * sizeof *p);
        op->ip = p;
        p += n;
    }
    return true;
}

static bool fill_executor(Executor *ex, const Trace *t, bool side) {
    ex->ops = malloc((size_t)t->n * sizeof *ex->ops);
    ex->exits = calloc((size_t)(t->nexits ? t->nexits : 1), sizeof *ex->exits);
    if (!ex->ops || !ex->exits) {
        free_executor(ex);
        return false;
    }
    memcpy(ex->ops, t->ops, (size_t)t->n * sizeof *ex->ops);
    ex->nops = t->n;
    if (!snapshot_caches(ex)) {
        free_executor(ex);
        return false;
    }
    ex->nexits = t->nexits;
    ex->loop_start = t->loop_start;
    ex->end_exit = -1;
    for (int j = 0; j < t->nexits; j++) {
        ex->exits[j] = (Exit){.owner = ex, .resume = t->exits[j].resume, .code = t->exits[j].code,
                              .kind = t->exits[j].kind, .op = t->exits[j].op,
                              .depth = t->exits[j].depth};
        if (t->exits[j].kind == EXIT_END) ex->end_exit = j;
    }
    ex->valid = true;
    ex->is_side = side;
    ex->code = t->code;
    ex->start = t->start;
    ex->private_entry = t->returns_out;
    return true;
}

static void perf_map(JitState *js, Executor *ex) {
    if (!js->perf || !ex->entry) return;
    const char *file = ex->code->filename ? ex->code->filename->data : "?";
    const char *base = strrchr(file, '/');
    fprintf(js->perf, "%lx %zx stitch:trace%d:%s:%d\n", (unsigned long)(uintptr_t)ex->entry,
            ex->code_size, ex->id, base ? base + 1 : file, jit_line_of(ex->code, ex->start));
    fflush(js->perf);
}

/* Machine code for ex (JIT_MODE_CODE); false when it cannot be had. */
static bool stitch_executor(JitState *js, Executor *ex, StitchListing *listing) {
    StitchOp *ops = stitch_ops(ex);
    if (!ops) return false;
    uint64_t t0 = now_ns();
    StitchTrace st = {ops, ex->nops + ex->nexits, NULL, 0, listing};
    StitchError err;
    int rc = stitch_batch(js->cm, &st, 1, &err);
    js->stats.stitch_ns += now_ns() - t0;
    free(ops);
    if (rc < 0) {
        if (err == STITCH_NO_MEMORY) js->full = true;
        return false;
    }
    ex->entry = st.entry;
    ex->code_size = st.size;
    js->stats.code_bytes += st.size;
    js->stats.stitched_uops += (uint64_t)(ex->nops + ex->nexits);
    return true;
}

/* Under STITCH_STATS, a counter at the top of the loop (or the side
 * trace's start) adds up the bytecode instructions one pass runs, for the
 * share of the work done in traces. It runs in the trace itself, so an
 * early exit still counts the whole pass: an estimate, on the high side. */
static void add_counter(Trace *t, Executor *ex) {
    int k = t->loop_start, instrs = 0;
    if (t->n >= TRACE_MAX_UOPS) return;
    for (int i = k; i < t->n; i++) instrs += i == k || t->ops[i].instr != t->ops[i - 1].instr;
    memmove(t->ops + k + 1, t->ops + k, (size_t)(t->n - k) * sizeof *t->ops);
    t->ops[k] = (TraceOp){.uop = UOP_COUNT_INSTRS, .oparg = (uint32_t)instrs,
                          .operand = (uint64_t)(uintptr_t)&ex->instrs_run, .ip = t->ops[k + 1].ip,
                          .instr = t->ops[k + 1].instr, .code = t->ops[k + 1].code,
                          .deopt = -1, .error = -1, .jump = -1};
    t->n++;
}

/* Optimize, build and (machine-code mode) stitch the projected trace t of
 * frame f. NULL when it cannot be compiled; the caller backs off. */
static Executor *compile(VM *vm, Trace *t, Frame *f, bool side) {
    JitState *js = vm->jit_state;
    uint64_t t0 = now_ns();
    t->uops_before = t->n;
    t->guards_before = count_guards(t);
    t->loop_start = 0;
    if (!vm->opt.jit_no_opt) trace_optimize(vm, t);
    t->guards_after = count_guards(t);
    int uops_after = t->n;
    if (js->nexecutors >= EXECUTORS_MAX) return NULL;
    if (js->nexecutors == js->cap) {
        int cap = js->cap ? 2 * js->cap : 16;
        Executor **p = realloc(js->executors, (size_t)cap * sizeof *p);
        if (!p) return NULL;
        js->executors = p;
        js->cap = cap;
    }
    Executor *ex = calloc(1, sizeof *ex);
    if (!ex) return NULL;
    if (vm->spec_stats) add_counter(t, ex);
    if (!fill_executor(ex, t, side)) return NULL;
    StitchListing listing = {0};
    if (vm->opt.jit_mode == JIT_MODE_CODE &&
        !stitch_executor(js, ex, js->dump ? &listing : NULL)) {
        free_executor(ex);
        js->stats.failed++;
        return NULL;
    }
    record_deps(ex, t, f);
    ex->id = js->nexecutors;
    js->executors[js->nexecutors++] = ex;
    JitStats *s = &js->stats;
    s->compiled++;
    s->side_compiled += side;
    s->uops_before += (uint64_t)t->uops_before;
    s->uops_after += (uint64_t)uops_after;
    s->guards_before += (uint64_t)t->guards_before;
    s->guards_after += (uint64_t)t->guards_after;
    s->compile_ns += now_ns() - t0;
    if (js->dump) trace_dump(vm, js->dump, ex, t, vm->opt.jit_mode == JIT_MODE_CODE ? &listing : NULL);
    stitch_listing_free(&listing);
    perf_map(js, ex);
    return ex;
}

/* ---- links ------------------------------------------------------------------------ */

static void link_exit(JitState *js, Exit *e, Executor *to) {
    e->linked = to;
    e->link.entry = to->entry;
    js->stats.linked++;
}

/* Where tier 1 really goes on from ip: unconditional jumps followed (they
 * do nothing else). *backward tells whether a backward one was taken, which
 * makes the place a loop's head. */
static uint16_t *follow_jumps(uint16_t *ip, bool *backward) {
    *backward = false;
    for (int hops = 0; hops < 4; hops++) {
        uint16_t *p = ip, word = *p++;
        uint32_t oparg = word >> 8;
        while ((word & 0xFF) == OP_EXTENDED_ARG) {
            word = *p++;
            oparg = oparg << 8 | word >> 8;
        }
        int op = word & 0xFF;
        uint16_t *next = p + opcode_caches[op];
        if (op == OP_JUMP_BACKWARD || op == OP_ENTER_EXECUTOR) {
            *backward = true;
            ip = next - oparg;
        } else if (op == OP_JUMP_FORWARD) {
            ip = next + oparg;
        } else if (op == OP_NOP) {
            ip = next;
        } else {
            break;
        }
    }
    return ip;
}

/* The valid executor whose trace starts at ip, or NULL. */
static Executor *starting_at(JitState *js, const uint16_t *ip) {
    for (int i = js->nexecutors - 1; i >= 0; i--) {
        Executor *ex = js->executors[i];
        if (ex->valid && !ex->private_entry && ex->start == ip) return ex;
    }
    return NULL;
}

/* A trace's end or branch exit that lands where another trace starts goes
 * straight on into it (deopt exits never: the guard that failed would
 * fail again there), and so do other traces' exits landing at ex's start. */
static bool linkable(const Exit *e) {
    return (e->kind == EXIT_END || e->kind == EXIT_BRANCH) && !e->linked;
}

static void link_new(JitState *js, Executor *ex) {
    bool back;
    for (int j = 0; j < ex->nexits; j++) {
        Exit *e = &ex->exits[j];
        Executor *to;
        if (linkable(e) && (to = starting_at(js, follow_jumps(e->resume, &back))))
            link_exit(js, e, to);
    }
    /* A trace that returns into its exit's callers is that exit's alone. */
    if (ex->private_entry) return;
    for (int i = 0; i < js->nexecutors; i++) {
        Executor *from = js->executors[i];
        for (int j = 0; from->valid && j < from->nexits; j++) {
            Exit *e = &from->exits[j];
            if (linkable(e) && follow_jumps(e->resume, &back) == ex->start) link_exit(js, e, ex);
        }
    }
}

/* Exit e of a trace run in the topmost frame f is hot: give it a trace. */
static void side_exit(VM *vm, Exit *e, Frame *f) {
    JitState *js = vm->jit_state;
    if (js->full || f->code != e->code) return;
    /* A deopt resumes at an instruction tier 1 has not respecialized yet:
     * a trace projected now would fail the same guard. Wait for it, but
     * not forever: a guard only the trace has (a callee's code, which the
     * CALL's cache still names after the function was replaced) never
     * fails in tier 1, so make tier 1 specialize the instruction again. */
    if (e->kind == EXIT_DEOPT && trace_opcode_at(e->resume) == e->op) {
        e->taken = 0;
        if (++e->retries >= 2) {
            uint16_t *instr = e->resume;
            while ((*instr & 0xFF) == OP_EXTENDED_ARG) instr++;
            if (opcode_base[*instr & 0xFF] != (*instr & 0xFF)) spec_deopt(vm, instr);
            e->retries = 0;
        }
        return;
    }
    /* An exit that lands on a backward jump goes on at that loop's head:
     * its trace is the loop's. */
    bool loop = false;
    uint16_t *at = e->kind == EXIT_DEOPT ? e->resume : follow_jumps(e->resume, &loop);
    Executor *to = e->kind == EXIT_DEOPT ? NULL : starting_at(js, at);
    if (!to) {
        Trace *t = &js->scratch;
        /* A side trace may run on into the exit's callers (it is linked from
         * that exit only); a loop's trace may not. */
        /* Known callers leave less room for inlining: without them the
         * trace may still be worth having. */
        bool projected = (!loop && trace_project(vm, t, f->code, at, false, f, e->depth) == 0) ||
                         trace_project(vm, t, f->code, at, loop, NULL, 0) == 0;
        if (!projected || !(to = compile(vm, t, f, !loop))) {
            /* Nothing to compile from here (yet): try again later, a few
             * times, as the code around may get traces of its own. */
            e->taken = 0;
            e->side_tried = ++e->retries >= 4;
            return;
        }
        link_new(js, to);
    }
    e->side_tried = 1;
    if (!e->linked) link_exit(js, e, to);
}

/* ---- the hooks ------------------------------------------------------------------------ */

/* A failed attempt waits twice as long as the last one (jit_counter_hot). */
static void backoff(uint16_t *counter) {
    unsigned a = *counter >> 12;
    *counter = (uint16_t)((a < 15 ? a + 1 : a) << 12);
}

static int hot_loop(VM *vm, Frame *f, uint16_t *jump, uint16_t *target) {
    JitState *js = vm->jit_state;
    Trace *t = &js->scratch;
    Executor *ex = NULL;
    if (!js->full && trace_project(vm, t, f->code, target, true, NULL, 0) == 0)
        ex = compile(vm, t, f, false);
    if (!ex) {
        backoff(&jump[1]);
        return 0;
    }
    ex->jump = jump;
    *jump = (uint16_t)((*jump & 0xFF00) | OP_ENTER_EXECUTOR);
    jump[1] = (uint16_t)ex->id;
    link_new(js, ex);
    return 1;
}

static void revert_jump(Executor *ex) {
    if (!ex->jump) return;
    ex->jump[0] = (uint16_t)((ex->jump[0] & 0xFF00) | OP_JUMP_BACKWARD);
    ex->jump[1] = 0;
    ex->jump = NULL;
}

static void invalidate_executor(JitState *js, Executor *ex);

static int run(VM *vm, Executor *ex) {
    Frame *f = &vm->frames[vm->nframes - 1];
    Exit *e = vm->opt.jit_mode == JIT_MODE_CODE
                  ? (Exit *)(uintptr_t)jit_enter(ex->entry, f, f->sp, f->base, vm)
                  : uop_run(vm, ex);
    e->taken++;
    if (e->kind == EXIT_ERROR) return JIT_ERROR;
    /* Entry facts (the preamble) that keep failing are stale: compile the
     * loop afresh once it is hot again. */
    if (e->kind == EXIT_DEOPT && e->resume == e->owner->start && e->owner->loop_start > 0 &&
        e->taken >= SIDE_EXIT_HOT) {
        if (e->owner->valid) invalidate_executor(vm->jit_state, e->owner);
        return JIT_OK;
    }
    if (!e->linked && !e->side_tried && e->taken >= SIDE_EXIT_HOT)
        side_exit(vm, e, &vm->frames[vm->nframes - 1]);
    return JIT_OK;
}

static int enter(VM *vm, uint16_t *jump) {
    JitState *js = vm->jit_state;
    unsigned k = jump[1];
    Executor *ex = k < (unsigned)js->nexecutors ? js->executors[k] : NULL;
    if (!ex || !ex->valid || ex->jump != jump) {
        jump[0] = (uint16_t)((jump[0] & 0xFF00) | OP_JUMP_BACKWARD);
        jump[1] = 0;
        return JIT_NOT_ENTERED;
    }
    js->stats.entries++;
    return run(vm, ex);
}

static void invalidate_executor(JitState *js, Executor *ex) {
    ex->valid = false;
    revert_jump(ex);
    js->stats.invalidated++;
    for (int i = 0; i < js->nexecutors; i++) {
        Executor *from = js->executors[i];
        for (int j = 0; j < from->nexits; j++) {
            Exit *e = &from->exits[j];
            if (e->linked != ex) continue;
            e->linked = NULL;
            e->link.entry = NULL;
            e->side_tried = 0;
            e->taken = 0;
        }
    }
}

static bool depends(const Executor *ex, int kind, uint64_t key) {
    if (kind == JIT_DEP_DICT) return ex->globals_dep && (uint64_t)(uintptr_t)ex->globals_dep == key;
    for (int i = 0; i < ex->ntype_deps; i++)
        if (ex->type_deps[i] == key) return true;
    return false;
}

static void invalidate(VM *vm, int kind, uint64_t key) {
    JitState *js = vm->jit_state;
    for (int i = 0; i < js->nexecutors; i++) {
        Executor *ex = js->executors[i];
        if (ex->valid && depends(ex, kind, key)) invalidate_executor(js, ex);
    }
}

/* Traces keep their code objects (and the constants in their operands,
 * which those hold) alive: a guard compares code pointers, which a new
 * object at a freed one's address would pass. */
static void mark(VM *vm) {
    JitState *js = vm->jit_state;
    for (int i = 0; i < js->nexecutors; i++) {
        Executor *ex = js->executors[i];
        gc_mark_value(vm, val_obj(ex->code));
        for (int j = 0; j < ex->ndeps; j++) gc_mark_value(vm, val_obj(ex->deps[j]));
    }
}

static int cmp_exits(const void *a, const void *b) {
    const Exit *x = *(const Exit *const *)a, *y = *(const Exit *const *)b;
    return (x->taken < y->taken) - (x->taken > y->taken);
}

static void report_exits(JitState *js, FILE *out) {
    int n = 0;
    for (int i = 0; i < js->nexecutors; i++) n += js->executors[i]->nexits;
    const Exit **all = malloc((size_t)(n ? n : 1) * sizeof *all);
    if (!all) return;
    n = 0;
    for (int i = 0; i < js->nexecutors; i++)
        for (int j = 0; j < js->executors[i]->nexits; j++)
            if (js->executors[i]->exits[j].taken) all[n++] = &js->executors[i]->exits[j];
    qsort(all, (size_t)n, sizeof *all, cmp_exits);
    static const char *const kinds[] = {"deopt", "branch", "end", "error"};
    fprintf(out, "jit: exits taken to tier 1 (top 10 of %d):\n", n);
    for (int i = 0; i < n && i < 10; i++) {
        const Exit *e = all[i];
        fprintf(out, "jit:   trace %d %s exit to %s:%d: %u\n", e->owner->id, kinds[e->kind],
                e->code->filename ? e->code->filename->data : "?", jit_line_of(e->code, e->resume),
                e->taken);
    }
    free(all);
}

static void report(VM *vm, FILE *out) {
    JitState *js = vm->jit_state;
    JitStats *s = &js->stats;
    fprintf(out, "jit: mode %s, threshold %u, optimizer %s\n",
            vm->opt.jit_mode == JIT_MODE_CODE ? "machine code" : "uops", vm->jit_threshold,
            vm->opt.jit_no_opt ? "off" : "on");
    fprintf(out,
            "jit: traces compiled %llu (%llu from side exits), failed %llu, linked %llu, "
            "invalidated %llu, evicted %llu%s\n",
            (unsigned long long)s->compiled, (unsigned long long)s->side_compiled,
            (unsigned long long)s->failed, (unsigned long long)s->linked,
            (unsigned long long)s->invalidated, (unsigned long long)s->evicted,
            js->full ? " (code memory full: compiling stopped)" : "");
    /* Guards hoisted into a loop's preamble count once, like the ones they
     * replace in its body: the totals compare guard uops, not checks run. */
    fprintf(out, "jit: uops %llu before optimization, %llu after; guards %llu before, %llu after (%lld removed)\n",
            (unsigned long long)s->uops_before, (unsigned long long)s->uops_after,
            (unsigned long long)s->guards_before, (unsigned long long)s->guards_after,
            (long long)s->guards_before - (long long)s->guards_after);
    fprintf(out, "jit: code %llu bytes; compile %.1f us total, stitching %.1f ns per uop\n",
            (unsigned long long)s->code_bytes, (double)s->compile_ns / 1000.0,
            s->stitched_uops ? (double)s->stitch_ns / (double)s->stitched_uops : 0.0);
    fprintf(out, "jit: trace entries from tier 1 %llu\n", (unsigned long long)s->entries);
    uint64_t in_traces = 0, in_tier1 = 0;
    for (int i = 0; i < js->nexecutors; i++) in_traces += js->executors[i]->instrs_run;
    for (int op = 0; op < 256; op++) in_tier1 += vm->spec_stats->exec[op];
    if (in_traces + in_tier1)
        fprintf(out, "jit: bytecode instructions run in traces %llu of %llu (%.1f%%, estimated)\n",
                (unsigned long long)in_traces, (unsigned long long)(in_traces + in_tier1),
                100.0 * (double)in_traces / (double)(in_traces + in_tier1));
    if (vm->opt.jit_mode == JIT_MODE_UOPS)
        fprintf(out, "jit: uops run %llu\n", (unsigned long long)s->uops_run);
    report_exits(js, out);
}

static const JitHooks hooks = {attach, detach, hot_loop, enter, invalidate, mark, report};

const struct StitchJit *stitch_jit(void);
const struct StitchJit *stitch_jit(void) { return (const struct StitchJit *)&hooks; }
