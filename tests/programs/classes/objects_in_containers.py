# objects stored in lists and dicts, identity vs equality
class Node:
    def __init__(self, value, next_node=None):
        self.value = value
        self.next = next_node

head = None
for v in [3, 2, 1]:
    head = Node(v, head)
node = head
while node is not None:
    print(node.value)
    node = node.next
a = Node(1)
b = Node(1)
print(a is b, a == b, a is a, a == a)
registry = {"first": a, "second": b}
registry["first"].value = 42
print(a.value, b.value)
items = [Node(i) for i in range(4)]
print(sum([n.value for n in items]))
