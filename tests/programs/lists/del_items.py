# del of list items by index (positive and negative)
a = ["a", "b", "c", "d", "e"]
del a[0]
print(a)
del a[-1]
print(a)
del a[1]
print(a, len(a))
nums = list(range(10))
i = len(nums) - 1
while i >= 0:
    if nums[i] % 3 == 0:
        del nums[i]
    i -= 1
print(nums)
