"""PyTorch (CPU, float32) side of bench/pytorch-side-by-side.ts: the same workloads and shapes.

Usage: python3 pytorch-side-by-side.py WORKLOAD THREADS [REPEATS]
  WORKLOAD: full-spectrum | gradient | hvp | training | matmul | eigvalsh64:PATH
  (eigvalsh64:PATH: the float64 eigenvalues of the n × n float64 matrix in the raw file PATH,
  the reference the tfjs side's eigenvalues are checked against)
Prints one JSON object on stdout. The data is random of the same shape as the tfjs side's
(timing does not depend on the values).
"""
import json
import sys
import time

import torch


def median_ms(work, repeats, warmup=2):
    for _ in range(warmup):
        work()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2]


def mlp_function(sizes, activation):
    """A loss of one flat parameter vector: an MLP with `sizes`, softmax cross-entropy."""
    shapes = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        shapes += [(fan_in, fan_out), (fan_out,)]
    count = sum(torch.Size(s).numel() for s in shapes)
    act = {"tanh": torch.tanh, "relu": torch.relu}[activation]

    def loss(theta, x, y):
        h, offset, layers = x, 0, len(sizes) - 1
        for layer in range(layers):
            (i, o) = shapes[2 * layer]
            w = theta[offset:offset + i * o].view(i, o)
            offset += i * o
            b = theta[offset:offset + o]
            offset += o
            h = h @ w + b
            if layer < layers - 1:
                h = act(h)
        return torch.nn.functional.cross_entropy(h, y)

    return loss, count


def init_theta(count, seed=0):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(count, generator=g) * 0.1).float()


def full_spectrum():
    """Dense Hessian of mlp:48x16:tanh on 256 rows × 20 features, 3 classes, then all eigenvalues."""
    g = torch.Generator().manual_seed(5)
    x = torch.randn(256, 20, generator=g)
    y = torch.randint(0, 3, (256,), generator=g)
    loss, count = mlp_function([20, 48, 16, 3], "tanh")
    theta = init_theta(count)
    f = lambda t: loss(t, x, y)
    torch.autograd.functional.hessian(f, theta)  # warm-up
    start = time.perf_counter()
    hessian = torch.autograd.functional.hessian(f, theta)
    hessian_s = time.perf_counter() - start
    symmetric = 0.5 * (hessian + hessian.T)
    start = time.perf_counter()
    torch.linalg.eigvalsh(symmetric.double())
    eig64_s = time.perf_counter() - start
    start = time.perf_counter()
    torch.linalg.eigvalsh(symmetric)
    eig32_s = time.perf_counter() - start
    return {
        "parameters": count,
        "hessianSeconds": hessian_s,
        "eigenvaluesSeconds": eig64_s,
        "eigenvaluesFloat32Seconds": eig32_s,
        "totalSeconds": hessian_s + eig64_s,
    }


def mnist_batch(rows):
    g = torch.Generator().manual_seed(1)
    return torch.rand(rows, 784, generator=g), torch.randint(0, 10, (rows,), generator=g)


def gradient_and_hvp(repeats, with_hvp):
    """Gradient (and HVP) time of the MNIST MLP 784-128-10 at batch 512, relu and tanh."""
    x, y = mnist_batch(512)
    out = {}
    for activation in ["relu", "tanh"]:
        loss, count = mlp_function([784, 128, 10], activation)
        theta = init_theta(count).requires_grad_(True)
        v = torch.randn(count)

        def gradient():
            return torch.autograd.grad(loss(theta, x, y), theta)[0]

        def hvp():
            (g,) = torch.autograd.grad(loss(theta, x, y), theta, create_graph=True)
            return torch.autograd.grad(g @ v, theta)[0]

        if with_hvp:
            times = [[], []]
            for work in (gradient, hvp):
                work(), work()
            for _ in range(repeats):  # interleaved, as on the tfjs side
                for k, work in enumerate((gradient, hvp)):
                    start = time.perf_counter()
                    work()
                    times[k].append((time.perf_counter() - start) * 1000)
            gradient_ms, hvp_ms = (sorted(t)[len(t) // 2] for t in times)
            out[activation] = {"gradientMs": gradient_ms, "hvpMs": hvp_ms, "ratio": hvp_ms / gradient_ms}
        else:
            out[activation] = {"gradientMs": median_ms(gradient, repeats)}
    return out


def training(epochs=2, rows=10_000, batch=256):
    """SGD (lr 0.1) on the MNIST MLP 784-128-10 relu, batch 256, samples/s over `epochs` epochs."""
    x, y = mnist_batch(rows)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    def epoch(seed):
        order = torch.randperm(rows, generator=torch.Generator().manual_seed(seed))
        for start in range(0, rows, batch):
            index = order[start:start + batch]
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(model(x[index]), y[index]).backward()
            optimizer.step()

    epoch(0)  # warm-up
    start = time.perf_counter()
    for e in range(epochs):
        epoch(e + 1)
    seconds = time.perf_counter() - start
    return {"samplesPerSecond": rows * epochs / seconds, "msPerEpoch": seconds * 1000 / epochs}


def matmul_gflops(repeats):
    """GFLOP/s of a plain float32 matmul [512, 784] × [784, 128] (the MLP's first layer)."""
    a, b = torch.rand(512, 784), torch.rand(784, 128)
    ms = median_ms(lambda: a @ b, repeats)
    return {"ms": ms, "gflops": 2 * 512 * 784 * 128 / (ms * 1e6)}


def main():
    workload, threads = sys.argv[1], int(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 15
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if workload.startswith("eigvalsh64:"):
        import numpy
        flat = numpy.fromfile(workload.split(":", 1)[1], dtype=numpy.float64)
        n = int(round(len(flat) ** 0.5))
        values = torch.linalg.eigvalsh(torch.from_numpy(flat.reshape(n, n)))
        print(json.dumps({"workload": "eigvalsh64", "threads": threads, "result": {"values": values.tolist()}}))
        return
    result = {
        "full-spectrum": full_spectrum,
        "gradient": lambda: gradient_and_hvp(repeats, False),
        "hvp": lambda: gradient_and_hvp(repeats, True),
        "training": training,
        "matmul": lambda: matmul_gflops(repeats * 10),
    }[workload]()
    print(json.dumps({"workload": workload, "threads": threads, "torch": torch.__version__, "result": result}))


if __name__ == "__main__":
    main()
