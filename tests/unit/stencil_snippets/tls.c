/* A thread-local access: rejected by the extractor. */
extern __thread int tls_counter;
int f(void) { return tls_counter; }
