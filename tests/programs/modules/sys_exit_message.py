import sys
print("about to fail")
sys.exit("fatal: giving up")
