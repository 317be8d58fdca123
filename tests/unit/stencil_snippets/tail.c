/* A continuation-passing function like a stencil: its trailing jump to
 * _JIT_CONTINUE is dropped, while the jump to _JIT_CONTINUE in the middle
 * stays a hole. */
#define PN __attribute__((preserve_none))
extern PN long _JIT_CONTINUE(long *sp);
extern void helper(long *sp);
PN long f(long *sp) {
    if (sp[0] < 0) __attribute__((musttail)) return _JIT_CONTINUE(sp);
    helper(sp);
    __attribute__((musttail)) return _JIT_CONTINUE(sp);
}
