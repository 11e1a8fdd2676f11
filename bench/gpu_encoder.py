"""What a GPU buys: a LaBSE-sized sentence-transformers model through storydiff's adapter.

    python bench/gpu_encoder.py            # needs: pip install 'storydiff[sbert]'

No model hub is reachable here, so the model has LaBSE's architecture (BERT-base, 12
layers, 768 dimensions, a 501,153-piece vocabulary, CLS pooling, a tanh dense layer,
normalised output) with random weights, and a WordPiece tokenizer trained on the
benchmark's own text. Random weights cost exactly what trained ones cost, so the
timings hold for LaBSE; the alignment *quality* of a random model means nothing and is
not reported. Measured, on whatever machine runs it:

* sentences/s of the adapter (``sbert:<dir>``, as a user's CLI would load it) on the
  Text+Berg test sentences and on the sentence runs that alignment really embeds, on
  the GPU in float32 and float16 and on the CPU;
* the default encoder (USE) on the same CPU, for a same-machine baseline;
* the whole Text+Berg test set aligned end to end (embedding + DP) with each.

Writes bench/results/gpu_encoder.json, or gpu_encoder_cpu_only.json on a machine without
CUDA (``--out``: a copy elsewhere).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _signature import signature, write_result
from align_textberg import TEST_DOCS, load_docs, run_storydiff

from storydiff.aligner import encode_runs
from storydiff.encoders import get_encoder
from storydiff.encoders.sbert import SentenceTransformerEncoder

LABSE = {  # LaBSE's published configuration (Feng et al. 2022)
    "vocab_size": 501153,
    "hidden_size": 768,
    "num_hidden_layers": 12,
    "num_attention_heads": 12,
    "intermediate_size": 3072,
    "max_position_embeddings": 512,
}


def build_random_labse(out_dir: Path, corpus: list[str]) -> Path:
    """Save a random-weight model of LaBSE's shape as a sentence-transformers directory."""
    import torch
    from sentence_transformers import SentenceTransformer, models
    from tokenizers import Tokenizer, normalizers, pre_tokenizers
    from tokenizers.models import WordPiece
    from tokenizers.trainers import WordPieceTrainer
    from transformers import BertConfig, BertModel, BertTokenizerFast

    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.train_from_iterator(corpus, WordPieceTrainer(vocab_size=30000, special_tokens=special))
    fast = BertTokenizerFast(tokenizer_object=tok, do_lower_case=False)
    torch.manual_seed(0)
    bert_dir = out_dir / "bert"
    BertModel(BertConfig(**LABSE)).save_pretrained(bert_dir)
    fast.save_pretrained(bert_dir)
    word = models.Transformer(str(bert_dir), max_seq_length=256)
    pooling = models.Pooling(768, pooling_mode="cls")
    dense = models.Dense(768, 768, activation_function=torch.nn.Tanh())
    model = SentenceTransformer(modules=[word, pooling, dense, models.Normalize()])
    model.save(str(out_dir / "st"))
    return out_dir / "st"


def throughput(encoder, texts: list[str], repeats: int = 1) -> float:
    """Sentences per second after a warm-up (CUDA kernels, allocator, autotuning)."""
    encoder.encode(texts[:512])
    start = time.perf_counter()
    for _ in range(repeats):
        encoder.encode(texts)
    return repeats * len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", type=Path, default=Path("/tmp/storydiff-labse-random"))
    parser.add_argument("--cpu-sample", type=int, default=400, help="sentences timed on CPU")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()

    import torch

    os.environ["STORYDIFF_CACHE_DIR"] = ""  # time real embedding, not the disk cache
    docs = load_docs(TEST_DOCS)
    sentences = [s for de, fr, _ in docs for s in de + fr]
    corpus = sentences + [s for de, fr, _ in load_docs(["dev"]) for s in de + fr]
    t = time.perf_counter()
    model_dir = build_random_labse(args.model_dir, corpus)
    print(f"built a random LaBSE-shaped model in {time.perf_counter() - t:.1f} s: {model_dir}")

    gpu = torch.cuda.is_available()
    device = torch.cuda.get_device_name(0) if gpu else "none"
    adapter = SentenceTransformerEncoder.from_name(str(model_dir))  # the CLI's own path
    st = adapter._model
    lengths = [len(ids) for ids in st.tokenizer(sentences, truncation=True)["input_ids"]]
    runs = [text for de, fr, _ in docs for text in _run_texts(de) + _run_texts(fr)]
    result: dict = {
        "signature": signature(encoder="sbert random LaBSE architecture", dataset="textberg"),
        "gpu": device,
        "cpu_threads": torch.get_num_threads(),
        "test_sentences": len(sentences),
        "run_texts": len(runs),
        "tokens_per_sentence": round(sum(lengths) / len(lengths), 1),
        "sentences_per_second": {},
        "textberg_test_seconds": {},
    }
    rates = result["sentences_per_second"]
    if gpu:
        torch.cuda.reset_peak_memory_stats()
        for batch in (64, 256):
            adapter.batch_size = batch
            rates[f"gpu fp32 batch {batch} sentences"] = throughput(adapter, sentences, 3)
        adapter.batch_size = 64
        rates["gpu fp32 batch 64 runs"] = throughput(adapter, runs)
        result["gpu_peak_memory_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
        align = run_storydiff(docs, f"sbert:{model_dir}")
        result["textberg_test_seconds"]["sbert LaBSE-shaped, GPU fp32"] = _times(align)
        st.half()
        adapter.encode(sentences)  # half-precision kernels are chosen on first use
        rates["gpu fp16 batch 64 sentences"] = throughput(adapter, sentences, 3)
        st.float()
        start = time.perf_counter()  # the tokeniser runs on the CPU, whatever the device
        st.tokenizer(sentences, padding=True, truncation=True)
        rates["tokeniser alone (CPU) sentences"] = len(sentences) / (time.perf_counter() - start)
    st.to("cpu")
    sample = sentences[: args.cpu_sample]
    rates["cpu fp32 batch 64 sentences"] = throughput(adapter, sample)
    use = get_encoder("use")
    rates["cpu USE (storydiff default) sentences"] = throughput(use, sentences)
    result["textberg_test_seconds"]["USE, CPU"] = _times(run_storydiff(docs, "use"))
    result["sentences_per_second"] = {k: round(v, 1) for k, v in rates.items()}

    print(json.dumps(result, indent=2))
    path = write_result("gpu_encoder" if gpu else "gpu_encoder_cpu_only", result)
    if args.out:
        args.out.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    print(f"wrote {path}")


def _run_texts(sentences: list[str]) -> list[str]:
    """The texts alignment embeds for one side: every run of up to four sentences."""
    texts: list[str] = []

    class Recorder:  # an encoder that only notes what it is asked to embed
        dim = 1

        def encode(self, batch: list[str]) -> np.ndarray:
            texts.extend(batch)
            return np.zeros((len(batch), 1), dtype=np.float32)

    encode_runs(sentences, Recorder(), 4)
    return texts


def _times(run: dict) -> dict:
    return {k: run[k] for k in ("embed_seconds", "dp_seconds", "total_seconds")}


if __name__ == "__main__":
    main()
