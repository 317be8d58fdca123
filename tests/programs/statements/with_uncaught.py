class CM:
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__)


with CM():
    {}["missing"]
