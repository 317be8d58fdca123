def connect(host, *, port, timeout):
    return host, port, timeout


print(connect("a", port=1, timeout=2))
connect("h")
