/* R_X86_64_GOTPCRELX: a call through the GOT (-fpic -fno-plt). */
extern void helper(void);
void f(void) { helper(); }
