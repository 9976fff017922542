"""Constrói o site em _build/html executando cada capítulo e cada solução uma vez só.

Os notebooks de chapters/ e solutions/ que ainda não têm uma cópia executada em dia em
_build/executados/ (os testes deixam uma para cada notebook que rodam) são executados, dois por
vez; o livro é então construído a partir dessas cópias, com a execução do Jupyter Book
desligada. Os exercícios entram sem executar (as verificações falham até a pessoa responder).

Uso: `python scripts/construir_livro.py [--estrito]`; `--estrito` passa `-W -n --keep-going`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from execucao import EXECUTADOS, RAIZ, copia_executada, executado_em_dia, executar_e_guardar

FONTE = RAIZ / "_build" / "fonte"  # cópia das fontes do livro, com os notebooks executados
FORA_DO_LIVRO = {".git", ".venv", "_build", "tests", "scripts", ".ci", ".pytest_cache",
                 ".ruff_cache", "redes"}


def notebooks_executados() -> list[Path]:
    """Capítulos e soluções: os notebooks que o site mostra executados."""
    return [*sorted((RAIZ / "chapters").glob("*.ipynb")),
            *sorted((RAIZ / "solutions").glob("*.ipynb"))]


def executar_pendentes(processos: int) -> None:
    """Executa, `processos` por vez, os notebooks sem cópia executada em dia."""
    pendentes = [p for p in notebooks_executados() if not executado_em_dia(p)]
    print(f"{len(pendentes)} notebooks a executar; os outros já têm cópia em {EXECUTADOS}")
    with ProcessPoolExecutor(max_workers=processos) as executor:
        for caminho, segundos in zip(pendentes, executor.map(executar_e_guardar, pendentes)):
            print(f"executado: {caminho.relative_to(RAIZ)} ({segundos:.1f} s)")


def montar_fonte() -> None:
    """Copia as fontes do livro para _build/fonte e troca os notebooks pelas cópias executadas."""
    shutil.rmtree(FONTE, ignore_errors=True)
    shutil.copytree(RAIZ, FONTE, ignore=lambda pasta, nomes: [
        n for n in nomes if Path(pasta) == RAIZ and n in FORA_DO_LIVRO or n == "__pycache__"])
    for caminho in notebooks_executados():
        shutil.copyfile(copia_executada(caminho), FONTE / caminho.relative_to(RAIZ))


def construir(estrito: bool) -> subprocess.CompletedProcess:
    """Roda o `jupyter-book build` sobre _build/fonte, com saída em _build/html."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    opcoes = ["-W", "-n", "--keep-going"] if estrito else []
    return subprocess.run(
        [str(jupyter_book), "build", str(FONTE), "--path-output", str(RAIZ), "--all", *opcoes],
        capture_output=True, text=True)


def executar_e_construir(estrito: bool, processos: int = 2) -> subprocess.CompletedProcess:
    """Executa o que falta, monta a fonte e constrói o livro."""
    executar_pendentes(processos)
    montar_fonte()
    return construir(estrito)


def main() -> int:
    """Linha de comando: constrói e mostra o fim da saída do Jupyter Book."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--estrito", action="store_true", help="avisos viram erros (-W -n)")
    parser.add_argument("--processos", type=int, default=2, help="notebooks ao mesmo tempo")
    args = parser.parse_args()
    resultado = executar_e_construir(args.estrito, args.processos)
    print(resultado.stdout[-3000:], resultado.stderr[-3000:], sep="\n")
    return resultado.returncode


if __name__ == "__main__":
    sys.exit(main())
