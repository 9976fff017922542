"""Executa notebooks com o nbclient e guarda cópias executadas para o build do livro."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

RAIZ = Path(__file__).resolve().parent.parent
EXECUTADOS = RAIZ / "_build" / "executados"  # cópias executadas: chapters/ e solutions/
TEMPO_MAXIMO_CELULA = 180  # segundos

# Dois notebooks rodam ao mesmo tempo em 2 núcleos: uma thread por kernel evita que PyTorch e
# NumPy disputem os núcleos (os kernels herdam estas variáveis).
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")


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
    # até o tempo-limite. Os testes acionam os widgets pelo lado do kernel.
    cliente.widget_registry = {}
    inicio = time.perf_counter()
    cliente.execute()
    return nb, time.perf_counter() - inicio


def impressao(caminho: Path) -> str:
    """SHA-1 do arquivo-fonte: diz se uma cópia executada ainda corresponde a ele."""
    return hashlib.sha1(caminho.read_bytes()).hexdigest()


def copia_executada(caminho: Path) -> Path:
    """Onde fica a cópia executada de um notebook de chapters/ ou solutions/."""
    return EXECUTADOS / caminho.relative_to(RAIZ)


def segundos_das_celulas(nb: nbformat.NotebookNode) -> float:
    """Do início da primeira célula de código ao fim da última, pelos registros do nbclient."""
    tempos = [c.metadata["execution"] for c in nb.cells
              if c.cell_type == "code" and "execution" in c.get("metadata", {})]
    inicio = datetime.fromisoformat(tempos[0]["iopub.execute_input"].replace("Z", "+00:00"))
    fim = datetime.fromisoformat(tempos[-1]["shell.execute_reply"].replace("Z", "+00:00"))
    return (fim - inicio).total_seconds()


def e_widget(celula: nbformat.NotebookNode) -> bool:
    """True se a célula mostra um widget `interactive` (os controles que pedem um kernel)."""
    return celula.cell_type == "code" and "widgets.interactive(" in celula.source


def guardar_executado(caminho: Path, nb: nbformat.NotebookNode) -> None:
    """Grava a cópia executada, com o tempo das células e a impressão da fonte nos metadados.

    No site não há kernel para responder aos controles: a cópia perde as saídas das células de
    widget (os controles mortos e uma segunda cópia da figura estática que vem logo antes).
    """
    nb.metadata.pop("widgets", None)  # o site não carrega o JavaScript dos widgets
    for celula in nb.cells:
        if e_widget(celula):
            celula.outputs = []
    nb.metadata["execucao"] = {"segundos": round(segundos_das_celulas(nb), 1),
                               "fonte": impressao(caminho)}
    destino = copia_executada(caminho)
    destino.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, destino)


def executado_em_dia(caminho: Path) -> bool:
    """True se há uma cópia executada da versão atual do notebook."""
    destino = copia_executada(caminho)
    if not destino.exists():
        return False
    metadados = nbformat.read(destino, as_version=4).metadata.get("execucao", {})
    return metadados.get("fonte") == impressao(caminho)


def executar_e_guardar(caminho: Path) -> float:
    """Executa o notebook de cima a baixo e guarda a cópia; devolve os segundos."""
    nb, segundos = executar_notebook(nbformat.read(caminho, as_version=4), caminho.parent)
    guardar_executado(caminho, nb)
    return segundos
