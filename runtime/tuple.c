/* tuple.c: immutable fixed-size sequences. */
#include "vm.h"

/* A tuple of len zeroed items, which the caller fills before any allocation. */
static Tuple *tuple_alloc(VM *vm, int64_t len) {
    if (len == 0 && vm->empty_tuple) return vm->empty_tuple;
    if (len < 0 || (uint64_t)len > (SIZE_MAX - sizeof(Tuple)) / sizeof(Value)) {
        vm_raise_oom(vm);
        return NULL;
    }
    Tuple *t = gc_alloc(vm, sizeof(Tuple) + (size_t)len * sizeof(Value), OBJ_TUPLE,
                        vm->types[T_TUPLE]);
    if (t) t->len = len;
    return t;
}

Tuple *tuple_new(VM *vm, int64_t len) {
    Tuple *t = tuple_alloc(vm, len);
    if (!t) return NULL;
    for (int64_t i = 0; i < len; i++) t->items[i] = VAL_NONE;
    return t;
}

/* The items are read after the allocation: they must be reachable (the VM
 * stack, a live container, or rooted). */
Tuple *tuple_from(VM *vm, const Value *items, int64_t n) {
    Tuple *t = tuple_alloc(vm, n);
    if (!t) return NULL;
    if (n) memcpy(t->items, items, (size_t)n * sizeof(Value));
    return t;
}
