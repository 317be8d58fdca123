# string comparison (lexicographic), equality and the in operator
print("abc" == "abc", "abc" != "abd")
print("abc" < "abd", "abc" < "ab", "" < "a")
print("Z" < "a", "apple" > "Apple")
print("b" > "abc")
print("ell" in "hello", "xyz" in "hello", "" in "abc")
print("h" not in "hello")
print(min("pear", "apple", "fig"), max("pear", "apple", "fig"))
