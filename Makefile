# Os dois comandos do README: `make book` (gera o site) e `make test` (roda todos os testes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: book test serve biblioteca exercises limpar

# Cria o ambiente virtual e instala as dependências fixadas (refaz se requirements.txt mudar).
$(INSTALADO): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(INSTALADO)

# Gera o site executado em _build/html.
book: $(INSTALADO)
	$(BIN)/jupyter-book build .

# Executa todos os notebooks, as verificações dos exercícios, o lint e o build estrito.
test: $(INSTALADO)
	$(BIN)/python -m pytest -n 2 --durations=15

# Mostra o site em http://127.0.0.1:8000 (gere-o antes com `make book`).
serve:
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

# Regenera a biblioteca `redes/` e as células "Código dos capítulos anteriores" a partir das
# células `biblioteca` dos capítulos.
biblioteca: $(INSTALADO)
	$(BIN)/python scripts/gerar_biblioteca.py

# Regenera a biblioteca e exercises/ a partir de solutions/.
exercises: biblioteca
	$(BIN)/python scripts/gerar_exercicios.py

# Apaga saídas e contadores de execução de todos os notebooks.
limpar: $(INSTALADO)
	$(BIN)/python scripts/limpar_notebooks.py
