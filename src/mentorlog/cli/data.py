"""placeholder"""


def register(root):
    pass
