/* test_stitch: stitched uops run through the entry shim on a real VM stack. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "codemem.h"
#include "shim.h"
#include "stitch.h"
#include "vm.h"

#include "stitch_fixture.h"

static uint64_t run(Fixture *f, const StitchOp *ops, int n, Value **sp_out) {
    StitchError err;
    void *entry = stitch(f->cm, ops, n, NULL, &err);
    assert_int_equal(err, STITCH_OK);
    assert_non_null(entry);
    Value *sp = f->frame.base + f->code.nlocals;
    uint64_t r = jit_enter(entry, &f->frame, sp, f->frame.base, f->vm);
    *sp_out = f->frame.sp;
    return r;
}

/* x + 3 < 100, with x a local: [LOAD_FAST LOAD_CONST GUARD ADD LOAD_CONST
 * COMPARE] then an exit; a second exit for the guards. */
static int compare_trace(Fixture *f, StitchOp *ops) {
    int n = 0;
    ops[n++] = op(STENCIL_LOAD_FAST, 0);
    ops[n++] = op(STENCIL_LOAD_CONST, 1);
    ops[n++] = op(STENCIL_GUARD_BOTH_INT, 0);
    ops[n++] = op(STENCIL_BINARY_OP_ADD_INT, 0);
    ops[n++] = op(STENCIL_LOAD_CONST, 0);
    ops[n++] = op(STENCIL_COMPARE_OP_INT, CMP_LT);
    ops[n++] = exit_op(f, 0, 1);
    ops[n++] = exit_op(f, 7, 2);
    ops[0].error = ops[2].deopt = ops[3].deopt = 7;
    return n;
}

static void test_add_and_compare(void **state) {
    Fixture *f = *state;
    StitchOp ops[8];
    int n = compare_trace(f, ops);
    Value *base = f->frame.base, *sp;
    base[0] = val_int(5);
    uint64_t r = run(f, ops, n, &sp);
    assert_int_equal(r, 0);
    assert_ptr_equal(sp, base + 3);
    assert_true(sp[-1] == VAL_TRUE);
    assert_ptr_equal(f->frame.ip, &f->caches[1]);
    /* The add's result is still in its slot below the comparison's. */
    assert_true(base[2] == VAL_TRUE);
    base[0] = val_int(97);
    r = run(f, ops, n, &sp);
    assert_int_equal(r, 0);
    assert_true(sp[-1] == VAL_FALSE);
}

/* A failed type guard leaves through its exit, the stack as it found it. */
static void test_guard_exit(void **state) {
    Fixture *f = *state;
    StitchOp ops[8];
    int n = compare_trace(f, ops);
    Value *base = f->frame.base, *sp;
    base[0] = val_float(1.5);
    uint64_t r = run(f, ops, n, &sp);
    assert_int_equal(r, 7);
    assert_ptr_equal(f->frame.ip, &f->caches[2]);
    assert_ptr_equal(sp, base + 4);
    assert_true(sp[-2] == val_float(1.5));
    assert_true(sp[-1] == val_int(3));
}

/* The add's overflow check (result outside the small ints) deopts too. */
static void test_overflow_exit(void **state) {
    Fixture *f = *state;
    StitchOp ops[8];
    int n = compare_trace(f, ops);
    Value *base = f->frame.base, *sp;
    base[0] = val_int(SMALL_INT_MAX);
    assert_int_equal(run(f, ops, n, &sp), 7);
    assert_ptr_equal(sp, base + 4);
    assert_int_equal(val_as_int(sp[-2]), SMALL_INT_MAX);
}

/* STORE_FAST, then a conditional jump taken or not, recording the branch
 * history in the instruction's cache unit. */
static void test_store_and_branch(void **state) {
    Fixture *f = *state;
    StitchOp ops[8];
    int n = 0;
    ops[n++] = op(STENCIL_LOAD_CONST, 1);
    ops[n++] = op(STENCIL_STORE_FAST, 1);
    ops[n] = op(STENCIL_LOAD_FAST, 0);
    ops[n++].error = 5;
    ops[n] = op(STENCIL_POP_JUMP_IF_TRUE, 0);
    ops[n].ip = &f->caches[8];
    ops[n].error = 5;
    ops[n++].jump = 5;
    ops[n++] = exit_op(f, 1, 3); /* fell through */
    ops[n++] = exit_op(f, 2, 4); /* jumped */
    Value *base = f->frame.base, *sp;
    f->caches[8] = 0;
    base[0] = VAL_TRUE;
    base[1] = VAL_NONE;
    assert_int_equal(run(f, ops, n, &sp), 2);
    assert_true(base[1] == val_int(3));
    assert_ptr_equal(sp, base + 2);
    base[0] = VAL_FALSE;
    assert_int_equal(run(f, ops, n, &sp), 1);
    assert_int_equal(f->caches[8], 2); /* taken, then not taken */
}

/* An unbound local calls the runtime (uop_unbound_local) and leaves
 * through the error exit with the exception set. */
static void test_error_exit_calls_runtime(void **state) {
    Fixture *f = *state;
    StitchOp ops[3] = {op(STENCIL_LOAD_FAST, 1), exit_op(f, 0, 0), exit_op(f, 9, 0)};
    ops[0].error = 2;
    Value *sp;
    f->frame.base[1] = VAL_NULL;
    f->vm->exc = VAL_NULL;
    assert_int_equal(run(f, ops, 3, &sp), 9);
    assert_true(f->vm->exc != VAL_NULL);
    Value msg = obj_str(f->vm, f->vm->exc);
    assert_non_null(strstr(AS_STR(msg)->data, "'y'"));
    f->vm->exc = VAL_NULL;
}

/* Straight-line stencils end without their jump to the continuation; a
 * guard ends in its exit branch; an empty body is empty. */
static void test_trailing_jump_removed(void **state) {
    (void)state;
    assert_true(stencils[STENCIL_NOP][0].present);
    assert_int_equal(stencils[STENCIL_NOP][0].code_size, 0);
    for (int i = 0; i < STENCIL_COUNT; i++) {
        for (int d = 0; d < STENCIL_CACHE_DEPTHS; d++) {
            const Stencil *s = &stencils[i][d];
            if (!s->present || s->code_size < 5) continue;
            for (int k = 0; k < s->nholes; k++) {
                const Hole *h = &s->holes[k];
                bool trailing_jmp = !h->in_data && h->offset == s->code_size - 4 && s->code[h->offset - 1] == 0xE9;
                if (trailing_jmp && h->value == HV_CONTINUE) fail_msg("%s.%d ends in jmp CONTINUE", stencil_names[i], d);
            }
        }
    }
    /* A guard with nothing to write back on its way out ends in its exit
     * branch. */
    const Stencil *g = &stencils[STENCIL_GUARD_TOS_INT][0];
    for (int k = 0; k < g->nholes; k++) assert_int_not_equal(g->holes[k].value, HV_CONTINUE);
    /* Every uop has a stencil at every cache depth, the frame-pushing ones
     * included. */
    for (int id = 0; id < STENCIL_COUNT; id++)
        for (int d = 0; d < STENCIL_CACHE_DEPTHS; d++) assert_true(stencils[id][d].present);
}

/* The stack cache: a pure uop keeps its result in a register (depth in,
 * depth out as its stack effect says, capped at STENCIL_CACHE_MAX); one
 * that may call out writes everything back and leaves at depth 0. */
static void test_cache_depths(void **state) {
    (void)state;
    for (int d = 0; d < STENCIL_CACHE_DEPTHS; d++) {
        int up = d + 1 < STENCIL_CACHE_MAX ? d + 1 : STENCIL_CACHE_MAX;
        assert_int_equal(stencils[STENCIL_LOAD_FAST_CHECKED][d].leaves_at[HV_CONTINUE], up);
        assert_int_equal(stencils[STENCIL_LOAD_CONST_INLINE][d].leaves_at[HV_CONTINUE], up);
        /* Two in, one out: the inputs are loaded into registers first. */
        assert_int_equal(stencils[STENCIL_BINARY_OP_ADD_INT][d].leaves_at[HV_CONTINUE], d > 2 ? 2 : 1);
        assert_int_equal(stencils[STENCIL_STORE_FAST][d].leaves_at[HV_CONTINUE], d > 0 ? d - 1 : 0);
        assert_int_equal(stencils[STENCIL_BINARY_OP][d].leaves_at[HV_CONTINUE], 0);
        assert_int_equal(stencils[STENCIL_CALL_NON_PY][d].leaves_at[HV_CONTINUE], 0);
    }
}

/* Every mapping overlapping the arena: never both writable and executable.
 * Returns how many overlapping mappings are executable. */
static int check_maps(CodeMem *cm) {
    FILE *m = fopen("/proc/self/maps", "r");
    assert_non_null(m);
    char line[512];
    int exec = 0;
    while (fgets(line, sizeof line, m)) {
        unsigned long lo, hi;
        char perms[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3) continue;
        /* The arena's mappings start or end inside it. */
        if (!codemem_contains(cm, (void *)lo) && !codemem_contains(cm, (void *)(hi - 1))) continue;
        if (perms[1] == 'w' && perms[2] == 'x') fail_msg("W+X mapping: %s", line);
        exec += perms[2] == 'x';
    }
    fclose(m);
    return exec;
}

static void test_never_writable_and_executable(void **state) {
    Fixture *f = *state;
    CodeMem *cm = codemem_new((size_t)1 << 20);
    StitchOp ops[8];
    int n = compare_trace(f, ops);
    for (int i = 0; i < 20; i++) {
        uint8_t *p = codemem_alloc(cm, 100);
        assert_non_null(p);
        memset(p, 0xCC, 100);
        check_maps(cm); /* while writable */
        assert_int_equal(codemem_seal(cm, p, 100), 0);
        assert_non_null(stitch(cm, ops, n, NULL, NULL));
        assert_true(check_maps(cm) >= 1);
    }
    codemem_reset(cm);
    assert_int_equal(check_maps(cm), 0);
    codemem_free(cm);
}

/* Two traces in one piece, sealed once: each runs as if stitched alone,
 * and the piece starts on a page of its own. */
static void test_batch(void **state) {
    Fixture *f = *state;
    StitchOp cmp[8], store[3] = {op(STENCIL_LOAD_CONST, 0), op(STENCIL_STORE_FAST, 1), exit_op(f, 4, 5)};
    int n = compare_trace(f, cmp);
    StitchTrace t[2] = {{.ops = cmp, .n = n}, {.ops = store, .n = 3}};
    StitchError err;
    size_t before = codemem_used(f->cm);
    assert_int_equal(stitch_batch(f->cm, t, 2, &err), 0);
    assert_int_equal(err, STITCH_OK);
    long page = sysconf(_SC_PAGESIZE);
    assert_int_equal((uintptr_t)t[0].entry % (uintptr_t)page, 0);
    assert_true((uint8_t *)t[1].entry >= (uint8_t *)t[0].entry + t[0].size);
    assert_int_equal((uintptr_t)t[1].entry % 16, 0);
    assert_true(codemem_used(f->cm) - before <= (size_t)page); /* both fit one page */
    check_maps(f->cm);
    Value *base = f->frame.base, *sp = base + f->code.nlocals;
    base[0] = val_int(5);
    assert_int_equal(jit_enter(t[0].entry, &f->frame, sp, f->frame.base, f->vm), 0);
    assert_true(f->frame.sp[-1] == VAL_TRUE);
    base[1] = VAL_NONE;
    assert_int_equal(jit_enter(t[1].entry, &f->frame, sp, f->frame.base, f->vm), 4);
    assert_true(base[1] == val_int(100));
    assert_ptr_equal(f->frame.ip, &f->caches[5]);
}

/* All or nothing: one bad trace fails the batch, fills no entry point and
 * leaves the arena as it was. */
static void test_batch_failure(void **state) {
    Fixture *f = *state;
    StitchOp good[8], bad[1] = {op(STENCIL_POP_TOP, 0)};
    int n = compare_trace(f, good);
    StitchTrace t[2] = {{.ops = good, .n = n}, {.ops = bad, .n = 1}};
    StitchError err;
    size_t before = codemem_used(f->cm);
    assert_int_equal(stitch_batch(f->cm, t, 2, &err), -1);
    assert_int_equal(err, STITCH_NO_TARGET);
    assert_null(t[0].entry);
    assert_int_equal(codemem_used(f->cm), before);
}

/* Each stitch takes fresh whole pages (so sealing one never touches
 * another's), and the worst-case trampoline space it did not use goes back. */
static void test_pieces_own_their_pages(void **state) {
    Fixture *f = *state;
    StitchOp ops[8];
    int n = compare_trace(f, ops);
    size_t page = (size_t)sysconf(_SC_PAGESIZE), size;
    uint8_t *a = stitch(f->cm, ops, n, &size, NULL);
    uint8_t *b = stitch(f->cm, ops, n, NULL, NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal((uintptr_t)a % page, 0);
    assert_int_equal((uintptr_t)b % page, 0);
    assert_true(size <= page);
    assert_ptr_equal(b, a + page);
    assert_true(size <= stitch_size(ops, n));
    /* stitch_write, into memory of its own, takes the same bytes. */
    uint8_t *c = codemem_alloc(f->cm, stitch_size(ops, n));
    assert_non_null(c);
    size_t csize = stitch_write(c, ops, n, NULL);
    assert_int_equal(csize, size);
    assert_ptr_equal(c, b + page);
}

static void test_failures(void **state) {
    Fixture *f = *state;
    StitchError err;
    /* A stencil id beyond the table. */
    StitchOp bad_op[2] = {op(STENCIL_COUNT, 0), exit_op(f, 0, 0)};
    assert_null(stitch(f->cm, bad_op, 2, NULL, &err));
    assert_int_equal(err, STITCH_NO_STENCIL);
    /* The last op continues into nothing. */
    StitchOp dangling[1] = {op(STENCIL_POP_TOP, 0)};
    assert_null(stitch(f->cm, dangling, 1, NULL, &err));
    assert_int_equal(err, STITCH_NO_TARGET);
    /* A guard without an exit. */
    StitchOp noexit[2] = {op(STENCIL_GUARD_BOTH_INT, 0), exit_op(f, 0, 0)};
    assert_null(stitch(f->cm, noexit, 2, NULL, &err));
    assert_int_equal(err, STITCH_NO_TARGET);
    /* A full arena. */
    CodeMem *small = codemem_new(4096);
    StitchOp many[200];
    for (int i = 0; i < 199; i++) many[i] = op(STENCIL_COMPARE_OP_FLOAT, 0);
    many[199] = exit_op(f, 0, 0);
    assert_true(stitch_size(many, 200) > 4096);
    assert_null(stitch(small, many, 200, NULL, &err));
    assert_int_equal(err, STITCH_NO_MEMORY);
    codemem_free(small);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_compare),
        cmocka_unit_test(test_guard_exit),
        cmocka_unit_test(test_overflow_exit),
        cmocka_unit_test(test_store_and_branch),
        cmocka_unit_test(test_error_exit_calls_runtime),
        cmocka_unit_test(test_trailing_jump_removed),
        cmocka_unit_test(test_cache_depths),
        cmocka_unit_test(test_never_writable_and_executable),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_batch_failure),
        cmocka_unit_test(test_pieces_own_their_pages),
        cmocka_unit_test(test_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
