import { defineClientTests } from "../lib/cases.mjs";

defineClientTests("http");
