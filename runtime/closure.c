/* closure.c: cells, the run-time half of closures.
 *
 * A variable that a nested function reads or assigns lives in a Cell. Its
 * owner's fast slot holds the cell (MAKE_CELL makes it when the function
 * starts); the nested function gets the cell in its closure tuple and
 * COPY_FREE_VARS puts it in one of its own fast slots, so both read and
 * write the same cell through LOAD_DEREF / STORE_DEREF. */
#include "interp.h"

Cell *cell_new(VM *vm, Value v) {
    Cell *c = gc_alloc(vm, sizeof(Cell), OBJ_CELL, vm->types[T_CELL]);
    if (c) c->value = v;
    return c;
}

int closure_nparams(Code *co) {
    return co->nargs + co->kwonlyargcount + !!(co->flags & CO_VARARGS) +
           !!(co->flags & CO_VARKEYWORDS);
}

Value uop_unbound_deref(VM *vm, Code *co, int i) {
    const char *name = AS_STR(co->varnames->items[i])->data;
    int first = closure_nparams(co);
    if (i >= first && i < first + co->nfree)
        return vm_raise(vm, T_NAME_ERROR,
                        "cannot access free variable '%s' where it is not associated with a value"
                        " in enclosing scope",
                        name);
    return vm_raise(vm, T_UNBOUND_LOCAL_ERROR,
                    "cannot access local variable '%s' where it is not associated with a value",
                    name);
}

void closure_copy_free_vars(Frame *f, int n) {
    Tuple *cl = f->func->closure;
    Value *dst = f->base + closure_nparams(f->code);
    for (int i = 0; i < n; i++) dst[i] = cl->items[i];
}

int closure_delete(VM *vm, Frame *f, int i) {
    Cell *c = (Cell *)val_as_obj(f->base[i]);
    if (c->value == VAL_NULL) {
        uop_unbound_deref(vm, f->code, i);
        return -1;
    }
    c->value = VAL_NULL;
    return 0;
}
