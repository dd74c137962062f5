"""Settings of the notebook kernels in the environments make creates ($VENV/etc/ipython).

ipykernel 7 warns at every start that its sockets use TCP without encryption: one line per
notebook in every build and test log. The kernels here listen on the loopback address only,
for the one user who started them, so the warning asks the reader about nothing they can
act on. The kernel's own log shows errors only; what a notebook prints or warns is output,
and is not affected.
"""

c = get_config()  # noqa: F821 (IPython provides it when it reads this file)
c.IPKernelApp.log_level = "ERROR"
