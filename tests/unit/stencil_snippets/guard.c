/* A guard: `jcc CONTINUE; jmp DEOPT` at the end becomes `j!cc DEOPT`. */
#define PN __attribute__((preserve_none))
extern PN long _JIT_CONTINUE(long *sp);
extern PN long _JIT_DEOPT(long *sp);
PN long f(long *sp) {
    if (__builtin_expect(sp[-1] != 7, 0)) __attribute__((musttail)) return _JIT_DEOPT(sp);
    __attribute__((musttail)) return _JIT_CONTINUE(sp);
}
