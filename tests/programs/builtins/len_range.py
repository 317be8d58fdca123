# len of every sized type and range with start/stop/step
print(len([1, 2, 3]), len((1,)), len("four"), len({"a": 1}), len(range(10)))
print(list(range(5)))
print(list(range(2, 6)))
print(list(range(0, 20, 5)))
print(list(range(10, 0, -3)))
print(list(range(-5, -1)))
print(list(range(5, 5)), list(range(5, 0)))
print(len(range(0, 100, 7)), len(range(10, 0, -1)))
