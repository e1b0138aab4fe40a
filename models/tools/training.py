"""Training helpers shared by train.py and train_mobilenet_v1.py."""
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
