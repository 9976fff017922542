"""Extensão local do Sphinx: desliga a imitação do widget Output do nbclient durante o build.

O nbclient imita o widget Output de um navegador e, ao fazê-lo, envia mensagens ao kernel pelo
mesmo canal em que espera a resposta da célula; sob carga, às vezes perde essa resposta e fica
parado até o tempo-limite. O site não precisa dessa imitação: a figura estática vem antes de
cada widget.
"""

from typing import Any

from nbclient import NotebookClient

_init_original = NotebookClient.__init__


def _init_sem_widget_output(self: NotebookClient, *args: Any, **kwargs: Any) -> None:
    """Cria o cliente normalmente, mas sem a imitação de widgets."""
    _init_original(self, *args, **kwargs)
    self.widget_registry = {}


def setup(app: Any) -> dict[str, bool]:
    """Instala o ajuste quando o Sphinx carrega a extensão."""
    NotebookClient.__init__ = _init_sem_widget_output
    return {"parallel_read_safe": True, "parallel_write_safe": True}
