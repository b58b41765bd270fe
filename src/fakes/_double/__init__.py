"""The double: its classes, lazy members, call recording and the factory.

A double's state is read and written only by the modules of this package
(and the stdlib seam, ``fakes._stdlib``); the rest of ``fakes`` goes through
the functions they offer.
"""
