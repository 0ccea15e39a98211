"""The public surface: one sorted `__all__`, every name importable, one exception root."""

import newsprism


def test_all_is_sorted_and_importable():
    assert newsprism.__all__ == sorted(newsprism.__all__)
    for name in newsprism.__all__:
        assert hasattr(newsprism, name)


def test_errors_share_one_root():
    for error in (newsprism.InputError, newsprism.StoreError, newsprism.ModelError, newsprism.NotFittedError):
        assert issubclass(error, newsprism.NewsprismError)
