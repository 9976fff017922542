"""O que os dois geradores (biblioteca e exercícios) têm em comum: etiquetas e a escrita."""

from __future__ import annotations

from pathlib import Path

import nbformat

RAIZ = Path(__file__).resolve().parent.parent


def etiquetas(celula: nbformat.NotebookNode) -> list[str]:
    """Etiquetas (tags) de uma célula."""
    return list(celula.get("metadata", {}).get("tags", []))


def escrever_ou_checar(esperado: dict[Path, str], checar: bool,
                       velhos: list[Path] | None = None) -> int:
    """Escreve os arquivos que diferem do esperado (e apaga os velhos), ou só os lista."""
    velhos = velhos or []
    diferentes = [
        p for p, texto in esperado.items()
        if not p.exists() or p.read_text(encoding="utf-8") != texto
    ]
    if checar:
        for p in diferentes + velhos:
            print(f"desatualizado: {p.relative_to(RAIZ)} (rode `make exercises`)")
        return 1 if diferentes or velhos else 0
    for p in velhos:
        p.unlink()
    for p in diferentes:
        p.parent.mkdir(exist_ok=True)
        p.write_text(esperado[p], encoding="utf-8")
        print(f"escrito: {p.relative_to(RAIZ)}")
    return 0
