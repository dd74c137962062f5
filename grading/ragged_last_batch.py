"""Exercise "ragged last batch": the batch sizes of one pass of data_iter."""

from numbers import Integral

from d2l_mini.argument_validation import check_positive_int
from grading.verdict import Verdict, announce, no_answer, not_yet, right

# The variable the notebook's "Your turn" cell sets; the grader reads it out of the kernel.
ANSWERS = ("batch_sizes",)
# The exercise's data: the chapter's 1000 examples, in minibatches of 64.
NUM_EXAMPLES, BATCH_SIZE = 1000, 64


def judge_batch_sizes(sizes, num_examples, batch_size) -> Verdict:
    """Are sizes the batch sizes of one pass of data_iter over the data?

    sizes: a sequence of ints, len(y) of each batch in the order data_iter yields them;
    num_examples: n, a positive int; batch_size: a positive int. The last batch holds
    what is left over when batch_size does not divide n; no example is dropped.
    None for sizes means no answer yet. Returns a Verdict.
    """
    check_positive_int(num_examples, "num_examples")
    check_positive_int(batch_size, "batch_size")
    if sizes is None:
        return no_answer("set batch_sizes to the list of len(y) for every batch.")
    if isinstance(sizes, (str, bytes, dict)) or not hasattr(sizes, "__len__"):
        raise TypeError(f"sizes must be a list of ints, got {type(sizes).__name__}")
    sizes = list(sizes)
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, Integral):
            raise TypeError(f"sizes must hold ints (len(y) of each batch), got {size!r}")
    if sum(sizes) != num_examples:
        return not_yet(
            f"your batch sizes add up to {sum(sizes)}, which is not the number of\n"
            "examples one pass of data_iter reads. Run one pass and count len(y) of\n"
            "every batch it yields."
        )
    if any(size != batch_size for size in sizes[:-1]) or not 1 <= sizes[-1] <= batch_size:
        return not_yet(
            f"every batch but the last should hold batch_size = {batch_size},\n"
            "and the last one what is left over."
        )
    return right(f"{len(sizes) - 1} full batches of {batch_size} and a last batch of {sizes[-1]}.")


def check_batch_sizes(sizes, num_examples, batch_size) -> bool:
    """The self-check: prints judge_batch_sizes's verdict, returns True if it passed."""
    return announce(judge_batch_sizes(sizes, num_examples, batch_size))


def grade(answers) -> Verdict:
    """The grader's verdict on {name in ANSWERS: value}."""
    return judge_batch_sizes(answers["batch_sizes"], NUM_EXAMPLES, BATCH_SIZE)
