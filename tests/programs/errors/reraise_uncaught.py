# bare raise re-raises to the top level
try:
    {}[7]
except KeyError:
    print("logging then re-raising")
    raise
