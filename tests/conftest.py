"""Ferramentas comuns dos testes: caminhos do curso e execução de notebooks com nbclient."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

RAIZ = Path(__file__).resolve().parent.parent
CAPITULOS = sorted((RAIZ / "chapters").glob("*.ipynb"))
EXERCICIOS = sorted((RAIZ / "exercises").glob("*.ipynb"))
SOLUCOES = sorted((RAIZ / "solutions").glob("*.ipynb"))
TEMPO_MAXIMO_CELULA = 180  # segundos

# Os testes rodam dois notebooks ao mesmo tempo em 2 núcleos: uma thread por kernel evita que
# PyTorch e NumPy disputem os núcleos (os kernels e o build do livro herdam estas variáveis).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


def ids(caminhos: list[Path]) -> list[str]:
    """Nomes curtos para os testes parametrizados (ex.: 'chapters/01-regra-da-cadeia')."""
    return [f"{p.parent.name}/{p.stem}" for p in caminhos]


def etiquetas(celula: nbformat.NotebookNode) -> list[str]:
    """Etiquetas (tags) de uma célula."""
    return list(celula.get("metadata", {}).get("tags", []))


def texto_saida(celula: nbformat.NotebookNode) -> str:
    """Texto impresso por uma célula de código (stdout e text/plain)."""
    partes = []
    for saida in celula.get("outputs", []):
        if saida.get("output_type") == "stream" and saida.get("name") == "stdout":
            partes.append(saida.get("text", ""))
        elif saida.get("output_type") in ("execute_result", "display_data"):
            partes.append(saida.get("data", {}).get("text/plain", ""))
    return "".join(partes)


def erros(celula: nbformat.NotebookNode) -> list[str]:
    """Erros (exceções não tratadas) de uma célula executada."""
    return [
        f"{s.get('ename')}: {s.get('evalue')}"
        for s in celula.get("outputs", [])
        if s.get("output_type") == "error"
    ]


def executar(
    caminho: Path, permitir_erros: bool = False, celulas_extras: list[str] | None = None
) -> tuple[nbformat.NotebookNode, float]:
    """Executa o notebook de cima a baixo, no diretório dele; devolve o notebook e os segundos."""
    nb = nbformat.read(caminho, as_version=4)
    for codigo in celulas_extras or []:
        nb.cells.append(nbformat.v4.new_code_cell(codigo))
    return executar_notebook(nb, caminho.parent, permitir_erros)


def executar_notebook(
    nb: nbformat.NotebookNode, pasta: Path, permitir_erros: bool = False
) -> tuple[nbformat.NotebookNode, float]:
    """Executa um notebook já carregado, com `pasta` como diretório; devolve-o e os segundos."""
    cliente = NotebookClient(
        nb,
        timeout=TEMPO_MAXIMO_CELULA,
        kernel_name="python3",
        allow_errors=permitir_erros,
        resources={"metadata": {"path": str(pasta)}},
    )
    # Sem a imitação do widget Output: ela disputa o canal do kernel e, sob carga, trava a célula
    # até o tempo-limite (veja _ext/nbclient_sem_widget_output.py). Os testes acionam os
    # widgets pelo lado do kernel.
    cliente.widget_registry = {}
    inicio = time.perf_counter()
    cliente.execute()
    return nb, time.perf_counter() - inicio


def checar_gerador(script: str) -> None:
    """Roda `scripts/<script> --checar` e falha com a saída dele se algo estiver desatualizado."""
    resultado = subprocess.run(
        [sys.executable, str(RAIZ / "scripts" / script), "--checar"],
        capture_output=True,
        text=True,
    )
    assert resultado.returncode == 0, resultado.stdout + resultado.stderr


@pytest.fixture(scope="session")
def raiz() -> Path:
    """Raiz do repositório."""
    return RAIZ
