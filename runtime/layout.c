/* layout.c: instance attributes stored by class layout ("shapes").
 *
 * Every class owns a layout: an append-only array of interned attribute
 * names (Type.attr_names). An instance keeps attribute attr_names[i] in its
 * slot i, VAL_NULL meaning absent, so instances of a class share one name
 * table and an attribute store is an indexed write. Because a name's index
 * never changes once assigned, an inline cache can remember (class version,
 * slot index); the class takes a fresh version whenever its layout grows, so
 * a cache that checked "name is not in the layout" (method caches) stays
 * correct while the version matches. A layout stops growing at LAYOUT_MAX
 * names; further names go to a per-instance overflow dict. */
#include <string.h>

#include "vm.h"

/* Instances and exceptions share the leading fields; everything here uses
 * only those (an exception never has inline slots). */
static Instance *as_inst(Value obj) { return (Instance *)val_as_obj(obj); }

static void fill_null(Value *v, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) v[i] = VAL_NULL;
}

Instance *inst_new(VM *vm, Type *t) {
    uint32_t n = t->nattrs;
    Instance *i = gc_alloc(vm, sizeof(Instance) + n * sizeof(Value), OBJ_INSTANCE, t);
    if (!i) return NULL;
    i->slots = i->inline_slots;
    i->nslots = i->ninline = n;
    i->overflow = NULL;
    fill_null(i->inline_slots, n);
    return i;
}

int layout_find(const Type *t, const Str *name) {
    for (uint32_t k = 0; k < t->nattrs; k++)
        if (t->attr_names[k] == name) return (int)k;
    /* getattr(obj, computed_string) may pass a name nobody interned. */
    if (!name->interned)
        for (uint32_t k = 0; k < t->nattrs; k++)
            if (t->attr_names[k]->len == name->len &&
                !memcmp(t->attr_names[k]->data, name->data, (size_t)name->len))
                return (int)k;
    return -1;
}

Value inst_get(Instance *i, Str *name) { return inst_get_at(i, layout_find(i->obj.type, name), name); }

/* Give i room for every slot of its class's layout. The buffer is inline
 * until the first growth, then a gc_buf buffer (freed by gc.c's sweep).
 * obj and v are rooted by the caller. */
static int grow_slots(VM *vm, Instance *i) {
    uint32_t need = i->obj.type->nattrs, old = i->nslots;
    Value *s;
    if (old > i->ninline) {
        s = gc_buf_realloc(vm, i->slots, old * sizeof(Value), need * sizeof(Value));
    } else {
        s = gc_buf_alloc(vm, need * sizeof(Value));
        if (s && old) memcpy(s, i->slots, old * sizeof(Value));
    }
    if (!s) return -1;
    fill_null(s + old, need - old);
    i->slots = s;
    i->nslots = need;
    return 0;
}

/* Append name (interned) to t's layout; -1 when the layout is full. */
static int layout_add(VM *vm, Type *t, Str *name) {
    if (t->nattrs == LAYOUT_MAX) return -1;
    t->attr_names[t->nattrs++] = name;
    type_new_version(vm, t);
    return (int)t->nattrs - 1;
}

int inst_set(VM *vm, Value obj, Str *name, Value v) {
    Instance *i = as_inst(obj);
    Type *t = i->obj.type;
    int k = layout_find(t, name);
    if (k >= 0 && (uint32_t)k < i->nslots) {
        i->slots[k] = v;
        return 0;
    }
    gc_push_root(vm, obj);
    gc_push_root(vm, v);
    gc_push_root(vm, val_obj(name));
    int r = 0;
    if (k < 0 && t->slotted) {
        gc_pop_roots(vm, 3);
        if (type_lookup(vm, t, name) != VAL_NULL)
            vm_raise(vm, T_ATTRIBUTE_ERROR, "'%s' object attribute '%s' is read-only",
                     t->name->data, name->data);
        else
            vm_raise(vm, T_ATTRIBUTE_ERROR, "'%s' object has no attribute '%s'", t->name->data,
                     name->data);
        return -1;
    }
    if (k < 0 && t->nattrs < LAYOUT_MAX) {
        /* Layout names are compared by pointer: only interned ones go in. */
        if (!name->interned) name = str_intern(vm, name->data, name->len);
        if (name) k = layout_add(vm, t, name);
        else r = -1;
    }
    if (r == 0 && k >= 0) {
        r = grow_slots(vm, i);
        if (r == 0) i->slots[k] = v;
    } else if (r == 0) {
        if (!i->overflow) i->overflow = dict_new(vm);
        r = i->overflow ? dict_set_str(vm, i->overflow, name, v) : -1;
    }
    gc_pop_roots(vm, 3);
    return r;
}

int inst_del(VM *vm, Instance *i, Str *name) {
    int k = layout_find(i->obj.type, name);
    if (k >= 0) {
        if ((uint32_t)k >= i->nslots || i->slots[k] == VAL_NULL) return 0;
        i->slots[k] = VAL_NULL;
        return 1;
    }
    return i->overflow ? dict_del(vm, i->overflow, val_obj(name)) : 0;
}

Dict *inst_dict(VM *vm, Value obj) {
    Dict *d = dict_new(vm);
    if (!d) return NULL;
    Instance *i = as_inst(obj);
    Type *t = i->obj.type;
    gc_push_root(vm, obj);
    gc_push_root(vm, val_obj(d));
    int r = 0;
    /* __slots__ values are not in __dict__ (a subclass without __slots__). */
    for (uint32_t k = t->nslotnames; r == 0 && k < i->nslots; k++)
        if (i->slots[k] != VAL_NULL) r = dict_set_str(vm, d, t->attr_names[k], i->slots[k]);
    int64_t pos = 0;
    Value key, v;
    while (r == 0 && i->overflow && dict_next(i->overflow, &pos, &key, &v))
        r = dict_set(vm, d, key, v);
    gc_pop_roots(vm, 2);
    return r == 0 ? d : NULL;
}
