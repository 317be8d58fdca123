/* list.c: growable arrays of values. */
#include "vm.h"

List *list_new(VM *vm, int64_t cap) {
    if (cap < 0 || (uint64_t)cap > SIZE_MAX / sizeof(Value)) {
        vm_raise_oom(vm);
        return NULL;
    }
    List *l = gc_alloc(vm, sizeof(List), OBJ_LIST, vm->types[T_LIST]);
    if (!l || cap == 0) return l;
    gc_push_root(vm, val_obj(l));
    l->items = gc_buf_alloc(vm, (size_t)cap * sizeof(Value));
    gc_pop_roots(vm, 1);
    if (!l->items) return NULL;
    l->cap = cap;
    return l;
}

/* As tuple_from, the items must be reachable across the allocation. */
List *list_from(VM *vm, const Value *items, int64_t n) {
    List *l = list_new(vm, n);
    if (!l) return NULL;
    if (n) memcpy(l->items, items, (size_t)n * sizeof(Value));
    l->len = n;
    return l;
}

/* Make room for one more item. `v` (the item to add) is rooted too, since
 * callers often pass a value they just created. */
static int grow(VM *vm, List *l, Value v) {
    if (l->len < l->cap) return 0;
    int64_t cap = l->cap < 4 ? 4 : l->cap + (l->cap >> 1);
    if ((uint64_t)cap > SIZE_MAX / sizeof(Value)) {
        vm_raise_oom(vm);
        return -1;
    }
    gc_push_root(vm, val_obj(l));
    gc_push_root(vm, v);
    Value *items = gc_buf_realloc(vm, l->items, (size_t)l->cap * sizeof(Value),
                                  (size_t)cap * sizeof(Value));
    gc_pop_roots(vm, 2);
    if (!items) return -1;
    l->items = items;
    l->cap = cap;
    return 0;
}

int list_reserve(VM *vm, List *l, int64_t n) {
    if (n <= l->cap - l->len) return 0;
    if (n > INT64_MAX / 2 - l->len || (uint64_t)(l->len + n) > SIZE_MAX / sizeof(Value)) {
        vm_raise_oom(vm);
        return -1;
    }
    gc_push_root(vm, val_obj(l));
    Value *items = gc_buf_realloc(vm, l->items, (size_t)l->cap * sizeof(Value),
                                  (size_t)(l->len + n) * sizeof(Value));
    gc_pop_roots(vm, 1);
    if (!items) return -1;
    l->items = items;
    l->cap = l->len + n;
    return 0;
}

int list_append(VM *vm, List *l, Value v) {
    if (grow(vm, l, v) < 0) return -1;
    l->items[l->len++] = v;
    return 0;
}

/* Python's list.insert: i is clamped to [0, len] after adding len to a
 * negative index. */
int list_insert(VM *vm, List *l, int64_t i, Value v) {
    if (i < 0) i += l->len;
    if (i < 0) i = 0;
    if (i > l->len) i = l->len;
    if (grow(vm, l, v) < 0) return -1;
    memmove(l->items + i + 1, l->items + i, (size_t)(l->len - i) * sizeof(Value));
    l->items[i] = v;
    l->len++;
    return 0;
}
