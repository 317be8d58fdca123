# single inheritance, method override, super().__init__ and inherited methods
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return self.name + " says " + self.sound

    def describe(self):
        return "animal " + self.name

class Dog(Animal):
    sound = "woof"

    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed

    def describe(self):
        return "dog " + self.name + " (" + self.breed + ")"

class Puppy(Dog):
    def speak(self):
        return "tiny " + super().speak()

a = Animal("generic")
d = Dog("rex", "lab")
p = Puppy("bit", "pug")
for x in [a, d, p]:
    print(x.speak())
    print(x.describe())
print(isinstance(p, Animal), isinstance(p, Dog), isinstance(d, Puppy))
print(p.sound, Puppy.sound, Animal.sound)
