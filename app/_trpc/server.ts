import "server-only";
import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createContext } from "~/server/api/trpc";

/** Server components call procedures in-process, through the same validation as the HTTP API. */
export const serverCaller = cache(() => createCaller(createContext()));
