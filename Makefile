# Os dois comandos do README: `make book` (gera o site) e `make test` (roda todos os testes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: book test serve biblioteca exercises limpar navegador

# Cria o ambiente virtual e instala as dependências fixadas (refaz se requirements.txt mudar).
$(INSTALADO): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(INSTALADO)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo -n)

# Gera o site executado em _build/html (cada notebook executado uma vez, dois por vez).
book: $(INSTALADO)
	$(BIN)/python scripts/construir_livro.py

# Executa todos os notebooks (guardando as cópias executadas), as verificações dos exercícios e
# o lint; depois constrói o livro em modo estrito a partir dessas cópias e abre cada página num
# Chromium sem rede.
test: $(INSTALADO) navegador
	$(BIN)/python -m pytest -n 2 --durations=15 -m "not livro"
	$(BIN)/python -m pytest --durations=5 -m livro

# O Chromium do teste no navegador, instalado pelo apt se faltar.
navegador:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || \
	  ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium) || \
	  echo "aviso: não foi possível instalar o chromium; o teste no navegador será pulado"

# Mostra o site em http://127.0.0.1:8000 (gere-o antes com `make book`).
serve:
	$(BIN)/python -m http.server 8000 --bind 127.0.0.1 --directory _build/html

# Regenera a biblioteca `redes/` e as células "Código dos capítulos anteriores" a partir das
# células `biblioteca` dos capítulos.
biblioteca: $(INSTALADO)
	$(BIN)/python scripts/gerar_biblioteca.py

# Regenera a biblioteca, os links e o aviso para o Colab, e exercises/ a partir de solutions/.
exercises: biblioteca
	$(BIN)/python scripts/gerar_colab.py
	$(BIN)/python scripts/gerar_exercicios.py

# Apaga saídas e contadores de execução de todos os notebooks.
limpar: $(INSTALADO)
	$(BIN)/python scripts/limpar_notebooks.py
