# list.extend and list()/tuple() of lists and tuples (copied in one step),
# including a list extended by itself and a list subclass whose __iter__
# is overridden (iterated instead).
l=[1,2,3]
l.extend(l)
print(l, tuple(l), tuple([]), list(l), list((4,5)))
class M(list):
    def __iter__(self):
        return iter([9])
print(tuple(M([1,2])), list(M([1])))
x=[]
x.extend(x)
x.extend((1,))
x.extend([])
print(x)
for i in range(3):
    x.extend(x)
print(len(x), sum(x))
