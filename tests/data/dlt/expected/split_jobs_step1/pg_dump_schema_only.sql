--
-- PostgreSQL database dump
--

\restrict dltkit

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: split_jobs; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA split_jobs;


--
-- Name: split_jobs_staging; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA split_jobs_staging;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: _dlt_loads; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs._dlt_loads (
    load_id character varying(64) NOT NULL,
    schema_name character varying,
    status bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_version_hash character varying
);


--
-- Name: _dlt_pipeline_state; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs._dlt_pipeline_state (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    pipeline_name character varying NOT NULL,
    state character varying NOT NULL,
    created_at timestamp with time zone NOT NULL,
    version_hash character varying,
    _dlt_load_id character varying(64) NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs.events (
    seq bigint,
    kind character varying,
    at timestamp with time zone,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: products; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs.products (
    id bigint NOT NULL,
    name character varying,
    price double precision,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: products__tags; Type: TABLE; Schema: split_jobs; Owner: -
--

CREATE TABLE split_jobs.products__tags (
    value character varying,
    _dlt_root_id character varying NOT NULL,
    _dlt_parent_id character varying NOT NULL,
    _dlt_list_idx bigint NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_version; Type: TABLE; Schema: split_jobs_staging; Owner: -
--

CREATE TABLE split_jobs_staging._dlt_version (
    version bigint NOT NULL,
    engine_version bigint NOT NULL,
    inserted_at timestamp with time zone NOT NULL,
    schema_name character varying NOT NULL,
    version_hash character varying NOT NULL,
    schema character varying NOT NULL
);


--
-- Name: products; Type: TABLE; Schema: split_jobs_staging; Owner: -
--

CREATE TABLE split_jobs_staging.products (
    id bigint NOT NULL,
    name character varying,
    price double precision,
    _dlt_load_id character varying NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: products__tags; Type: TABLE; Schema: split_jobs_staging; Owner: -
--

CREATE TABLE split_jobs_staging.products__tags (
    value character varying,
    _dlt_root_id character varying NOT NULL,
    _dlt_parent_id character varying NOT NULL,
    _dlt_list_idx bigint NOT NULL,
    _dlt_id character varying NOT NULL
);


--
-- Name: _dlt_pipeline_state _dlt_pipeline_state__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs; Owner: -
--

ALTER TABLE ONLY split_jobs._dlt_pipeline_state
    ADD CONSTRAINT _dlt_pipeline_state__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: events events__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs; Owner: -
--

ALTER TABLE ONLY split_jobs.events
    ADD CONSTRAINT events__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: products products__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs; Owner: -
--

ALTER TABLE ONLY split_jobs.products
    ADD CONSTRAINT products__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: products__tags products__tags__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs; Owner: -
--

ALTER TABLE ONLY split_jobs.products__tags
    ADD CONSTRAINT products__tags__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: products products__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs_staging; Owner: -
--

ALTER TABLE ONLY split_jobs_staging.products
    ADD CONSTRAINT products__dlt_id_key UNIQUE (_dlt_id);


--
-- Name: products__tags products__tags__dlt_id_key; Type: CONSTRAINT; Schema: split_jobs_staging; Owner: -
--

ALTER TABLE ONLY split_jobs_staging.products__tags
    ADD CONSTRAINT products__tags__dlt_id_key UNIQUE (_dlt_id);


--
-- PostgreSQL database dump complete
--

\unrestrict dltkit

