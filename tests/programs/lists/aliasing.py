# lists are mutable and shared between names; += mutates in place, + does not
a = [1, 2, 3]
b = a
b.append(4)
print(a)
print(a is b, a == b)
c = a + [5]
print(a, c, c is a)
d = a
d += [6]
print(a, d is a)
e = list(a)
e.append(7)
print(a, e)
grid = [[0] * 3 for i in range(2)]
grid[0][0] = 1
print(grid)
shared = [[0] * 2] * 2
shared[0][0] = 9
print(shared)

def mutate(lst):
    lst.append("added")
    lst = ["rebound"]
    return lst

outer = ["orig"]
print(mutate(outer), outer)
