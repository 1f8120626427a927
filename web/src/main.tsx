import { createRoot } from 'react-dom/client';
import { AppRoot } from './app/App.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(<AppRoot />);
