print(dict.fromkeys("ab"))
print(dict.fromkeys([{}], 1))
