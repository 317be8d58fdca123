/* interp.h: what the interpreter's own files share (interp.c, call.c,
 * class.c, traceback.c, api.c). Nothing outside them needs it: the rest of
 * the runtime uses vm_call, vm_call_dunder and obj_getattr from vm.h.
 *
 * The call layout (opcodes.h): a call occupies consecutive stack slots
 * [callable, self|NULL, arg0 .. argN-1, kwvalues...]. A Python function's
 * frame takes its arguments where they lie: its locals begin at the first
 * argument (the self slot when it is set), so a call copies nothing. */
#ifndef STITCH_INTERP_H
#define STITCH_INTERP_H

#include "vm.h"

/* Run the topmost frame (pushed with FRAME_ENTRY) until it returns; its
 * result, or VAL_ERROR. Guards the C stack against runaway re-entry. */
Value interp_run(VM *vm);

/* Bind a call of fn whose npos positional arguments (then the values of
 * kwnames) start at `locals`, and push its frame with `flags`. The frame's
 * locals are laid out in place over the arguments. NULL with TypeError or
 * RecursionError raised. */
Frame *call_push(VM *vm, Function *fn, Value *locals, int npos, Tuple *kwnames, int flags);

/* Room for a frame whose extent ends at `end`, within the recursion limit;
 * when there is none, call_raise_recursion says so (RecursionError). */
static inline bool call_frame_fits(VM *vm, Value *end) {
    return __builtin_expect(vm->nframes < vm->opt.recursion_limit && vm->nframes < vm->max_frames &&
                                end <= vm->stack_end,
                            1);
}
Value call_raise_recursion(VM *vm);

/* A keyword call's binding worked out once for its call site: keyword i of
 * kwnames binds to parameter slot (map >> 4i) & 15. call_kw_map gives the
 * map of a call of fn with npos positional arguments (a self included), or
 * -1 unless the binding is that plain: no *args, **kwargs or keyword-only
 * parameters, at most CALL_KW_MAP_MAX keywords, each naming (by pointer:
 * names are interned) a distinct parameter after the positionals within
 * the first 16, and a default for every parameter left over. The map holds
 * for every function of fn's code: a code fixes its parameter names and
 * how many have defaults. */
#define CALL_KW_MAP_MAX 4
int call_kw_map(Function *fn, int npos, Tuple *kwnames);
/* call_push for a binding call_kw_map approved: the npos positionals, then
 * the nkw keyword values, start at `locals`. NULL with RecursionError. */
Frame *call_push_kw_map(VM *vm, Function *fn, Value *locals, int npos, int nkw, unsigned map,
                        int flags);

/* Call what lies at slot[0] (self|NULL in slot[1], then npos positional
 * arguments and the kwnames values), running Python code in a nested
 * interpreter loop. The slots must be on the VM stack below stack_top. */
Value call_slots(VM *vm, Value *slot, int npos, Tuple *kwnames);

/* fn(self, args...) for a Python function from C, as vm_call_dunder runs
 * a dunder but without looking it up or binding a method: the arguments
 * are laid out at stack_top and fn runs in a nested interpreter loop. */
Value call_py_dunder(VM *vm, Function *fn, Value self, const Value *args, int n);

/* The Python __init__ of user class t, or NULL when it has none (instances
 * then take no arguments). */
Function *call_python_init(VM *vm, Type *t);
/* A new, uninitialized instance of user class t; `args` (n values) become
 * an exception's args. VAL_ERROR on failure. */
Value call_alloc_instance(VM *vm, Type *t, Value *args, int n);

/* Attribute lookup for a method call site. Returns 1 with *out the plain
 * function (or unbound native) to call with obj as self, 0 with *out the
 * attribute itself, -1 on error. With `owner` set it is super().name in a
 * method of class owner: the search starts at owner's base. */
int class_load_method(VM *vm, Value obj, Type *owner, Str *name, Value *out);
/* super().name: the attribute found after `owner` in self's class chain,
 * bound to self. VAL_ERROR with AttributeError when absent. */
Value class_super_attr(VM *vm, Type *owner, Value self, Str *name);
/* Run a class body and make the class (BUILD_CLASS). */
Value class_build(VM *vm, Value body, Value name, Value base);

/* closure.c. The number of parameter slots of co (positional, keyword-only,
 * *args, **kwargs); its free variables' slots follow them. */
int closure_nparams(Code *co);
/* COPY_FREE_VARS n: frame f's closure cells into their slots. */
void closure_copy_free_vars(Frame *f, int n);
/* DELETE_DEREF of slot i: -1 with the error raised when the cell is empty. */
int closure_delete(VM *vm, Frame *f, int i);

/* call.c. CALL_FUNCTION_EX: lay the args sequence (and kwargs dict when
 * has_kw) of the call at slot out as positionals and keyword values, with
 * the keyword names in *kwnames (NULL when none). Returns the number of
 * positionals, or -1 with the error raised. May raise stack_top. */
int call_ex_prepare(VM *vm, Value *slot, bool has_kw, Tuple **kwnames);
/* DICT_MERGE: merge mapping m into the keyword dict d of a call of
 * `callable`; a repeated key is a TypeError. */
int call_dict_merge(VM *vm, Value callable, Dict *d, Value m);

/* gen.c. RETURN_GENERATOR: a new generator owning a copy of frame f's
 * extent up to sp, to resume at ip. */
Value gen_create(VM *vm, Frame *f, Value *sp, uint16_t *ip);
/* FOR_ITER_GEN, SEND_GEN: push g's frame (FRAME_GEN | flags) to run in
 * this loop, sending v; its return continues the caller `exit` units past
 * the instruction's caches. false with a RecursionError raised. */
bool gen_push_frame(VM *vm, Generator *g, Value v, uint32_t exit, int flags);
/* YIELD_VALUE in a FRAME_GEN frame f: save its extent up to sp and ip into
 * its generator, which is then suspended. */
void gen_yield(VM *vm, Frame *f, Value *sp, uint16_t *ip);
/* f's generator returned or (raised) raised out of f: it is done. */
void gen_finish(VM *vm, Frame *f, bool raised);
/* SEND: resume recv with v (a generator, else next() or .send()). 1 with
 * *out the value yielded, 0 with *out the value returned, -1 raised. */
int gen_send(VM *vm, Value recv, Value v, Value *out);

/* Record that exc passed through `code` at `line` (innermost entry last). */
void tb_add(VM *vm, Value exc, Code *code, int line);

/* The text of line `line` (1-based) of the program file `filename`, without
 * its newline; NULL when the source is unknown. *len gets its length. */
const char *api_source_line(VM *vm, const char *filename, int line, size_t *len);

#endif
