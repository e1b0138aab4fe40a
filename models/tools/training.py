"""Training helpers shared by train.py and train_mobilenet_v1.py."""
import time

import torch


def augment(x, gen, fill):
    """Random shift by up to 2 pixels (pad with the per-channel `fill`, crop back) and horizontal flip."""
    n, c, h, w = x.shape
    padded = fill.view(1, c, 1, 1).expand(n, c, h + 4, w + 4).clone()
    padded[:, :, 2:h + 2, 2:w + 2] = x
    dx = torch.randint(0, 5, (n,), generator=gen)
    dy = torch.randint(0, 5, (n,), generator=gen)
    out = torch.empty_like(x)
    for i in range(n):
        out[i] = padded[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w]
    flip = torch.rand(n, generator=gen) < 0.5
    out[flip] = out[flip].flip(3)
    return out


def evaluate(model, x, y, batch=500):
    """Top-1 accuracy of `model` on tensors x, y."""
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(x), batch):
            correct += (model(x[i:i + batch]).argmax(1) == y[i:i + batch]).sum().item()
    return correct / len(x)


def fit(model, xtr, ytr, xte, yte, epochs, batch, lr, gen, fill, log_every=0):
    """SGD (Nesterov momentum 0.9, weight decay 5e-4) with a one-cycle schedule peaking at 2·lr, shifted
    and flipped batches; prints the test accuracy after each epoch (and the loss every log_every steps)."""
    steps = epochs * (len(xtr) // batch)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9, weight_decay=5e-4, nesterov=True)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr * 2, total_steps=steps)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(epochs):
        model.train()
        t0 = time.time()
        perm = torch.randperm(len(xtr), generator=gen)
        for i in range(len(xtr) // batch):
            idx = perm[i * batch:(i + 1) * batch]
            loss = loss_fn(model(augment(xtr[idx], gen, fill)), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            if log_every and i % log_every == 0:
                print(f"epoch {epoch + 1} step {i} loss {loss.item():.3f} ({time.time() - t0:.0f}s)", flush=True)
        acc = evaluate(model, xte, yte)
        print(f"epoch {epoch + 1}/{epochs} loss {loss.item():.4f} test {acc * 100:.2f}% ({time.time() - t0:.0f}s)", flush=True)
