// Gives the real undici to the stand-in the rest of the bundle imports
// (./undici-on-demand.ts). It must run before @actions/github loads, which
// builds its proxy-aware fetch at import: rest-client.ts imports this first.

import * as undici from 'undici/index.js'
import { provideUndici } from './undici-on-demand.js'

provideUndici(undici)
